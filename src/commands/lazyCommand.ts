import type { CommandId } from '../commandIds';
import type { Command } from './command';

/** A command whose code is loaded the first time it runs or is described (the bulk commands: see lazyBulk.ts). */
export function lazyCommand(id: CommandId, load: () => Command): Command {
  let loaded: Command | undefined;
  const command = (): Command => {
    loaded ??= load();
    if (loaded.id !== id) {
      throw new Error(`lazy command ${id} loaded the definition of ${loaded.id}`);
    }
    return loaded;
  };
  return {
    id,
    get action() { return command().action; },
    execute: async (context, raw) => command().execute(context, raw),
  };
}
