/**
 * A queue that runs its tasks one after another, each after the previous one settled (failed or
 * not). The read-modify-write of a stored setting (the code state, the officers' outbox, the local
 * officer changes) runs in one, so two quick clicks or a background task never read the same state.
 */
export function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  };
}
