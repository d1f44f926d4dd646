import type { SettingsFieldProblem } from '../../../../shared/settings';

/** The problem messages of one field (its dotted path), in the user's language. */
export function problemsAt(
  problems: readonly SettingsFieldProblem[],
  path: string,
  locale: string
): string | undefined {
  const messages = problems
    .filter((problem) => problem.path.join('.') === path)
    .map((problem) => (locale.startsWith('zh') ? problem.messageZh : problem.message));
  return messages.length > 0 ? messages.join(';') : undefined;
}

/** Problems not tied to one of the form's own fields (unknown fields, the section as a whole). */
export function otherProblems(
  problems: readonly SettingsFieldProblem[],
  knownPaths: readonly string[],
  locale: string
): string[] {
  return problems
    .filter((problem) => !knownPaths.some((path) => problem.path.join('.').startsWith(path)))
    .map((problem) => (locale.startsWith('zh') ? problem.messageZh : problem.message));
}

/** The problem messages of a field and everything under it (a year's off and work entries). */
export function problemsUnder(
  problems: readonly SettingsFieldProblem[],
  path: string,
  locale: string
): string[] {
  return problems
    .filter((problem) => {
      const at = problem.path.join('.');
      return at === path || at.startsWith(`${path}.`);
    })
    .map((problem) => (locale.startsWith('zh') ? problem.messageZh : problem.message));
}
