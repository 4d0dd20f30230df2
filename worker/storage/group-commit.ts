// Group commit: items handed in while a commit runs are committed together by the next one, so many
// writers that each wait for their own commit share one (docs/conversations-design.md, the list
// writer). A commit that fails is retried item by item, so one bad item fails only its own writer.

interface Waiting<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
}

export class GroupCommit<T> {
  private waiting: Waiting<T>[] = [];
  private running = false;

  constructor(private readonly commit: (items: readonly T[]) => Promise<void>) {}

  /** Resolves once `item` committed (with whatever else was waiting), rejects when it could not. */
  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0);
        try {
          await this.commit(group.map((w) => w.item));
          for (const w of group) w.resolve();
        } catch (error) {
          if (group.length === 1) group[0]?.reject(error);
          else for (const w of group) await this.commit([w.item]).then(w.resolve, w.reject);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
