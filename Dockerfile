# The study runner's image: `docker build -t rankscope-study .` at the repo root.
# Runtime dependencies only (tfjs and its cpu/wasm backends; no Vite, Playwright or React tooling),
# plus tsx, which runs the TypeScript sources. tsx is a devDependency of the repo (the app is built
# by Vite, only the CLIs need it), so `npm ci --omit=dev` leaves it out; it is installed on its own,
# pinned to the version in package-lock.json.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm install --global tsx@4.23.15 && npm cache clean --force
COPY tsconfig.json ./
COPY src ./src
# Results go to a mounted volume (the study directory); the image itself stays read-only.
USER node
ENTRYPOINT ["tsx", "src/cli/study.ts"]
CMD ["--help"]
