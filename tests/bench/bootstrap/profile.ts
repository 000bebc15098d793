/**
 * bench:bootstrap's optional CPU profile (BENCH_BOOTSTRAP_PROFILE=1): the counter page built with
 * source maps, Chromium's sampling profiler (CDP) started at each phase the page announces, and each
 * phase's samples sorted into stages by the source file of the frames on their stack.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { CDPSession } from '@playwright/test';

/** The stages, in the order a sample is attributed: the first found anywhere on its stack wins. */
const STAGES: readonly [stage: string, pattern: RegExp][] = [
  ['report records', /renderer\/db\/report-records|shared\/reports/],
  ['counts', /renderer\/db\/counts/],
  ['bench steps and baseline', /tests\/bench\/bootstrap\/counter/],
  ['step write (repository, workflow)', /renderer\/db\/repository|shared\/workflow/],
  ['blind index', /blind-index-storage|renderer\/db\/personal-data|@noble\/hashes\/(hmac|sha2)/],
  ['encrypt / decrypt personal fields', /field-cipher|field-encryption-storage|libsodium/],
  [
    'replication (meta rows, push check, pull)',
    /replication-protocol|plugins\/replication|features\/sync\/(client|pull|push|tracking)/,
  ],
  ['snapshot stream + JSON parse', /bootstrap-stream/],
  ['bootstrap writes', /features\/sync\/bootstrap\.ts/],
  ['storage mappings', /mapped-storage-instance/],
  ['Dexie (IndexedDB calls)', /dexie/],
  ['RxDB other', /rxdb|rxjs/],
];

type Frame = { url: string; lineNumber: number; columnNumber: number; functionName: string };
type ProfileNode = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] };

/** The page's phases profiled one after the other; `report()` answers the stage table. */
export function phaseProfiler(cdp: CDPSession, pageDir: string) {
  const maps = new Map<string, TraceMap | null>();
  const mapOf = (url: string): TraceMap | null => {
    const file = url.split('/').pop() ?? '';
    if (!maps.has(file)) {
      const assets = join(pageDir, 'assets');
      const found = existsSync(assets) && readdirSync(assets).includes(`${file}.map`);
      maps.set(file, found ? new TraceMap(readFileSync(join(assets, `${file}.map`), 'utf8')) : null);
    }
    return maps.get(file) ?? null;
  };
  const sourceOf = (frame: Frame): string => {
    if (!frame.url) return frame.functionName;
    const map = mapOf(frame.url);
    if (!map) return frame.url;
    const pos = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
    return pos.source ?? frame.url;
  };
  const stageOf = (sources: string[]): string => {
    const leaf = sources[0] ?? '';
    if (leaf === '(idle)') return '(idle: waiting for IndexedDB, network)';
    if (leaf === '(garbage collector)') return 'garbage collection';
    for (const [stage, pattern] of STAGES) if (sources.some((s) => pattern.test(s))) return stage;
    if (sources.length === 1 && leaf === '(program)') return '(program: native, IPC)';
    return 'other';
  };

  const phases: { name: string; ms: number; stages: Map<string, number> }[] = [];
  let current: { name: string; started: number } | null = null;

  async function stop(): Promise<void> {
    if (!current) return;
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const stageById = new Map<number, string>();
    const stages = new Map<string, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const id = samples[i]!;
      let stage = stageById.get(id);
      if (!stage) {
        const sources: string[] = [];
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
          sources.push(sourceOf(byId.get(at)!.callFrame));
        stage = stageOf(sources.filter((s) => s !== '(root)'));
        stageById.set(id, stage);
      }
      stages.set(stage, (stages.get(stage) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    }
    phases.push({ name: current.name, ms: Date.now() - current.started, stages });
    current = null;
  }

  return {
    /** The page says a phase begins (or `end`): the previous one's profile is taken. */
    async phase(name: string): Promise<void> {
      await stop();
      if (name === 'end') return;
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
      current = { name, started: Date.now() };
    },
    report(): string[] {
      const out: string[] = [];
      for (const p of phases) {
        const total = [...p.stages.values()].reduce((a, b) => a + b, 0);
        out.push(
          `profile ${p.name}: ${(p.ms / 1000).toFixed(1)} s wall, ${(total / 1000).toFixed(1)} s sampled`,
        );
        for (const [stage, ms] of [...p.stages].sort((a, b) => b[1] - a[1]))
          out.push(`  ${((100 * ms) / Math.max(1, total)).toFixed(1).padStart(5)} %  ${stage}`);
      }
      return out;
    },
  };
}
