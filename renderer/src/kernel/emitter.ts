// A tiny typed listener set: add returns its own remover; emit never lets one listener break the others.
export class Listeners<T extends unknown[]> {
  private readonly set = new Set<(...args: T) => void>();

  add(listener: (...args: T) => void): () => void {
    this.set.add(listener);
    return () => { this.set.delete(listener); };
  }

  emit(...args: T): void {
    for (const listener of [...this.set]) {
      try { listener(...args); } catch (err) { console.error('listener failed:', err); }
    }
  }

  clear(): void { this.set.clear(); }
}
