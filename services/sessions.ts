// In-memory login sessions keyed by the caller's session key, expiring after inactivity.
export interface SessionEntry {
  readonly userId: string;
  lastActive: number;
}

export class SessionStore {
  private readonly entries = new Map<string, SessionEntry>();

  set(key: string, userId: string, now: number): void {
    this.entries.set(key, { userId, lastActive: now });
  }

  /** The live session for key, touching it; 'expired' when it timed out (and is dropped). */
  resolve(key: string, now: number, timeoutMs: number): SessionEntry | 'expired' | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.lastActive > timeoutMs) {
      this.entries.delete(key);
      return 'expired';
    }
    entry.lastActive = now;
    return entry;
  }

  peek(key: string): SessionEntry | undefined {
    return this.entries.get(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Ends every session of a user (disabled, password reset). */
  deleteUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.userId === userId) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
