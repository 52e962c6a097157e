// The kernel ends with its front end. jupyter_client puts its own pid in JPY_PARENT_PID
// when it launches a kernel; ipykernel then polls once a second and exits when the parent is
// gone, so a front end killed with SIGKILL (which can send no shutdown_request) leaves no
// orphan kernel holding ports and memory. Standard input is no signal here: jupyter_client
// closes the kernel's stdin right after launch.

/** ipykernel's ParentPollerUnix interval. */
export const PARENT_POLL_MS = 1000;

/** The parent to watch, from the environment; undefined when there is none to watch. */
export function parentPid(env: NodeJS.ProcessEnv): number | undefined {
  const pid = Number(env["JPY_PARENT_PID"]);
  // PID 1 (init) never goes away, it only adopts; a kernel launched by it has no front end to follow.
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Calls `gone` once when the parent exits (or we were re-parented away from it); returns a stop function. */
export function watchParent(pid: number, gone: () => void, intervalMs = PARENT_POLL_MS): () => void {
  // If it launched us directly, a change of ppid tells its death even if its pid is reused.
  const direct = process.ppid === pid;
  const timer = setInterval(() => {
    if (alive(pid) && (!direct || process.ppid === pid)) return;
    clearInterval(timer);
    gone();
  }, intervalMs);
  // The sockets keep the process alive; the watch alone should not.
  timer.unref();
  return () => clearInterval(timer);
}
