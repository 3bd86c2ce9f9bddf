import type { CommandDefinition } from './context';

/** A command whose code is loaded the first time it runs or is described (bulk commands: see src/lazyBulk.ts). */
export function lazyCommand(id: string, load: () => CommandDefinition): CommandDefinition {
  let loaded: CommandDefinition | undefined;
  const definition = (): CommandDefinition => {
    loaded ??= load();
    if (loaded.id !== id) {
      throw new Error(`lazy command ${id} loaded the definition of ${loaded.id}`);
    }
    return loaded;
  };
  return {
    id,
    get action() { return definition().action; },
    run: async (context, ...args) => definition().run(context, ...args),
  };
}
