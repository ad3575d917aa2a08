import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStudyText, planStudy } from '../../src/core/study';

/** The cluster files are JSON (kubectl reads JSON manifests; no YAML parser is installed here). */
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value: string }[];
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Volume {
  name: string;
  configMap?: { name: string };
  persistentVolumeClaim?: { claimName: string };
}
interface PodSpec {
  restartPolicy: string;
  containers: Container[];
  volumes: Volume[];
}
interface Item {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: { completionMode?: string; completions?: number; parallelism?: number; backoffLimitPerIndex?: number; template?: { spec: PodSpec } };
}

const read = (path: string): string => readFileSync(path, 'utf8');
const list = JSON.parse(read('deploy/k8s/study-job.json')) as { kind: string; items: Item[] };
const merge = JSON.parse(read('deploy/k8s/merge-job.json')) as Item;
const item = (kind: string): Item => {
  const found = list.items.find((i) => i.kind === kind);
  if (!found) throw new Error(`no ${kind} in study-job.json`);
  return found;
};
/** Where `pod` mounts the volume whose source satisfies `source`. */
const mountOf = (pod: PodSpec, source: (v: Volume) => boolean): string | undefined => {
  const volume = pod.volumes.find(source);
  return pod.containers[0]?.volumeMounts?.find((m) => m.name === volume?.name)?.mountPath;
};

describe('deploy/k8s', () => {
  const job = item('Job');
  const pod = job.spec?.template?.spec as PodSpec;
  const shard = pod.containers[0] as Container;
  const env = Object.fromEntries((shard.env ?? []).map((e) => [e.name, e.value]));
  const script = [...(shard.command ?? []), ...(shard.args ?? [])].join(' ');

  it('is an Indexed Job with one completion per shard, a bounded parallelism and per-index retries', () => {
    expect(list.kind).toBe('List');
    expect(job.spec?.completionMode).toBe('Indexed');
    expect(job.spec?.completions).toBe(Number(env.SHARDS));
    expect(job.spec?.parallelism).toBeGreaterThanOrEqual(1);
    expect(job.spec?.parallelism).toBeLessThanOrEqual(job.spec?.completions ?? 0);
    expect(job.spec?.backoffLimitPerIndex).toBeGreaterThan(0);
    expect(pod.restartPolicy).toBe('Never'); // required by backoffLimitPerIndex
  });

  it("runs the pod's shard, named by the Job's index variable, in a study directory on the claimed volume", () => {
    expect(script).toContain('--shard "$JOB_COMPLETION_INDEX"');
    expect(script).toContain('tsx src/cli/study.ts run "$STUDY_DIR"');
    expect(script).toContain('--shards "$SHARDS" --out "$STUDY_DIR"');
    const claim = item('PersistentVolumeClaim').metadata.name;
    const results = mountOf(pod, (v) => v.persistentVolumeClaim?.claimName === claim);
    expect(results).toBeDefined();
    expect(env.STUDY_DIR?.startsWith(`${results}/`)).toBe(true);
    // Shards on several nodes write into one directory.
    expect((item('PersistentVolumeClaim').spec as unknown as { accessModes: string[] }).accessModes).toContain('ReadWriteMany');
    const mergePod = merge.spec?.template?.spec as PodSpec;
    expect(merge.kind).toBe('Job');
    expect(mergePod.containers[0]?.args).toEqual(['merge', env.STUDY_DIR]);
    expect(mountOf(mergePod, (v) => v.persistentVolumeClaim?.claimName === claim)).toBe(results);
    expect(mergePod.containers[0]?.image).toBe(shard.image);
  });

  it('plans the study of its ConfigMap, which is a valid study, mounted where the plan reads it', () => {
    const cm = item('ConfigMap');
    const at = mountOf(pod, (v) => v.configMap?.name === cm.metadata.name);
    const file = /plan (\S+)/.exec(script)?.[1] ?? '';
    expect(file.startsWith(`${at}/`)).toBe(true);
    const text = cm.data?.[file.slice(`${at}/`.length)];
    expect(text).toBe(read('deploy/study.json')); // the example the README plans locally
    const m = planStudy(parseStudyText(text ?? ''), Number(env.SHARDS), 'wasm');
    expect(m.experiments).toHaveLength(15); // 5 α × 3 seeds
    expect(m.shards).toHaveLength(job.spec?.completions ?? 0);
    expect(m.shards.every((s) => s.length > 0)).toBe(true);
  });
});

describe('deploy/slurm', () => {
  const text = read('deploy/slurm/study.sbatch');
  const directives = new Map(
    text
      .split('\n')
      .filter((l) => l.startsWith('#SBATCH '))
      .map((l) => {
        const [k, v] = l.slice('#SBATCH '.length).split('=');
        return [k as string, v ?? ''];
      }),
  );

  it('is a job array with 0-based indices whose task id is the shard', () => {
    expect(directives.get('--array')).toMatch(/^0-\d+(%\d+)?$/);
    expect(text).toMatch(/tsx src\/cli\/study\.ts run "\$STUDY_DIR" --shard "\$SLURM_ARRAY_TASK_ID"\n/);
    expect(directives.get('--ntasks')).toBe('1');
    expect(text.startsWith('#!/bin/bash\n')).toBe(true);
    execFileSync('bash', ['-n', 'deploy/slurm/study.sbatch']); // parses as bash
  });
});

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  it('installs runtime dependencies only, plus the locked tsx the CLI runs under', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version: string; dev?: boolean }> };
    const tsx = lock.packages['node_modules/tsx'];
    expect(tsx?.dev).toBe(true); // why it is installed on its own
    expect(text).toMatch(/^RUN npm ci --omit=dev && npm install --global tsx@(\S+) /m);
    expect(/tsx@(\S+)/.exec(text)?.[1]).toBe(tsx?.version);
    expect(text).toContain('ENTRYPOINT ["tsx", "src/cli/study.ts"]');
    expect(read('.dockerignore').split('\n')).toContain('node_modules');
  });
});
