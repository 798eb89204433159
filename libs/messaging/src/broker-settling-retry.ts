// Attempts, 500 ms apart and then 1 s, 1.5 s…: about 22 s in all, as long as a freshly started
// broker or freshly created topics take to have their partition leaders.
const ATTEMPTS = 10;
const STEP_MS = 500;

// Runs an action that a broker still settling may refuse ("does not host this topic-partition",
// leaders being elected), trying again while `retryable` says the failure can pass by itself.
export async function retryWhileBrokerSettles<T>(
  options: { retryable: (error: unknown) => boolean; onRetry: (attempt: number, error: unknown) => void },
  action: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= ATTEMPTS || !options.retryable(error)) {
        throw error;
      }
      options.onRetry(attempt, error);
      await new Promise((resolve) => setTimeout(resolve, STEP_MS * attempt));
    }
  }
}
