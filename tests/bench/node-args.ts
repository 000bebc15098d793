/**
 * Node arguments of the benchmark's child processes (server, receiving counter): a CPU profile into
 * `profileDir` when given, the V8/Node flags of BENCH_NODE_FLAGS, and tsx to run TypeScript.
 */
export function childNodeArgs(profileDir: string | undefined): string[] {
  const prof = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  return [...prof, ...flags, '--import', 'tsx'];
}
