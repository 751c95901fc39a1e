/**
 * Codes numbered in sequence (`LB-2021-0042`, `DA-01-H007`) for many new records at once: the
 * first free code from a number on, skipping codes already taken in the database (asked in
 * blocks, not one query per candidate) or handed out earlier in the same batch. One record at a
 * time, the services number by asking the database for each candidate; a batch must hand out
 * exactly the codes those would have, in the same order.
 */
export class CodeSequence {
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly format: (n: number) => string,
    /** which of these codes the database already holds (its answers are kept: codes the batch adds are in `handedOut`) */
    private readonly takenInDb: (codes: string[]) => Promise<Set<string>>,
    /**
     * every code the batch writes, handed out here or brought by a record — shared by the
     * sequences of one batch: a record of one campaign may bring a code in another's numbering
     */
    private readonly handedOut: Set<string>,
    private readonly block = 500,
  ) {}

  /** The first code `format(n)`, n ≥ from, neither in the database nor handed out; it is now handed out. */
  async next(from: number): Promise<string> {
    for (let n = from; ; n++) {
      const code = this.format(n);
      if (this.handedOut.has(code)) continue;
      if (!this.known.has(code)) await this.ask(n);
      if (this.known.get(code)) continue;
      this.handedOut.add(code);
      return code;
    }
  }

  private async ask(from: number): Promise<void> {
    const codes = Array.from({ length: this.block }, (_, i) => this.format(from + i)).filter((c) => !this.known.has(c));
    const taken = await this.takenInDb(codes);
    for (const c of codes) this.known.set(c, taken.has(c));
  }
}
