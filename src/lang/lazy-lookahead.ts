// Chevrotain's LL(k) lookahead, each function built the first time the parser needs it rather
// than all of them when the parser is built. performSelfAnalysis computes a lookahead function
// for every OR, OPTION and MANY of the grammar, which was the largest part of building the
// parser (start-up, issue 10); a scenario exercises a few of them. A built function depends
// only on the grammar (the rule's productions, the occurrence, the maximum lookahead), which
// is fixed once the parser is built, so building it later gives the same function.
import type { ILookaheadStrategy } from "chevrotain";
import { LLkLookaheadStrategy } from "./chevrotain.js";

type AlternationOptions = Parameters<ILookaheadStrategy["buildLookaheadForAlternation"]>[0];
type OptionalOptions = Parameters<ILookaheadStrategy["buildLookaheadForOptional"]>[0];
type AlternationLookahead = ReturnType<ILookaheadStrategy["buildLookaheadForAlternation"]>;
type OptionalLookahead = ReturnType<ILookaheadStrategy["buildLookaheadForOptional"]>;

export class LazyLookaheadStrategy extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: AlternationOptions): AlternationLookahead {
    let built: AlternationLookahead | undefined;
    const build = (): AlternationLookahead => super.buildLookaheadForAlternation(options);
    // The parser calls lookahead functions with itself as `this` (they read this.LA(i)).
    return function (this: unknown, orAlts) {
      built ??= build();
      return built.call(this, orAlts);
    };
  }

  override buildLookaheadForOptional(options: OptionalOptions): OptionalLookahead {
    let built: OptionalLookahead | undefined;
    const build = (): OptionalLookahead => super.buildLookaheadForOptional(options);
    return function (this: unknown) {
      built ??= build();
      return built.call(this);
    };
  }
}
