# The study runner's image: `docker build -t rankscope-study .` at the repo root.
# Runtime dependencies only (tfjs and its cpu/wasm/webgpu backends, Dawn for Node; no Vite, Playwright or React tooling),
# plus tsx, which runs the TypeScript sources. tsx is a devDependency of the repo (the app is built
# by Vite, only the CLIs need it), so `npm ci --omit=dev` leaves it out; it is installed on its own,
# pinned to the version in package-lock.json.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# For `--backend webgpu` on a GPU node (docs/studies.md §7): the Vulkan loader here, the driver from the
# host. The NVIDIA Container Toolkit mounts its Vulkan driver only with the graphics capability.
RUN apt-get update && apt-get install -y --no-install-recommends libvulkan1 && rm -rf /var/lib/apt/lists/*
ENV NVIDIA_DRIVER_CAPABILITIES=compute,utility,graphics
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm install --global tsx@4.23.15 && npm cache clean --force
COPY tsconfig.json ./
COPY src ./src
# Results go to a mounted volume (the study directory); the image itself stays read-only.
USER node
ENTRYPOINT ["tsx", "src/cli/study.ts"]
CMD ["--help"]
