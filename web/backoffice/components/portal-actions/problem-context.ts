import { createContext, useContext } from "react";
import { type ActionProblem, messagesAt, messagesUnder } from "./action-problems";

/** The problems of the action being edited, and a way to drop those of an input once it changes. */
export interface ActionProblemScope {
  problems: readonly ActionProblem[];
  /** Drops the problems whose path is `path` or lies under it. */
  clear: (path: string) => void;
}

export const ActionProblemContext = createContext<ActionProblemScope>({ problems: [], clear: () => {} });

/** Reads the problems of the action being edited, joined into one message per input. */
export function useActionProblems() {
  const { problems, clear } = useContext(ActionProblemContext);
  const join = (messages: string[]) => (messages.length === 0 ? undefined : messages.join(" "));
  return {
    problems,
    clear,
    /** The message for the input whose path is `path`. */
    at: (path: string) => join(messagesAt(problems, path)),
    /** The message for the input whose path is `path` or any path under it. */
    under: (path: string) => join(messagesUnder(problems, path)),
  };
}
