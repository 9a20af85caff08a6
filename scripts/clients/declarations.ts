/**
 * bindgen's output imports @icp-sdk/core, the renamed successor of the @dfinity/* 3.x packages this project
 * uses; the parts the declarations use (IDL, ActorMethod, Principal) are the same API there.
 * Keeping one candid library matters at run time too: agent and IDL must come from the same package.
 */
const IMPORT_REWRITES: Record<string, string> = {
  '@icp-sdk/core/agent': '@dfinity/agent',
  '@icp-sdk/core/candid': '@dfinity/candid',
  '@icp-sdk/core/principal': '@dfinity/principal',
};

/**
 * Turns bindgen's declarations into the committed file: a header naming the .did it comes from and how to
 * regenerate it, and imports pointed at @dfinity/*. Throws on an @icp-sdk import it has no rewrite for, so a
 * bindgen update cannot slip in a dependency the project does not have.
 */
export function toProjectDeclarations(bindgenOutput: string, didPath: string): string {
  const rewritten = bindgenOutput.replace(/from '(@icp-sdk\/[^']+)'/g, (_statement, module: string) => {
    const replacement = IMPORT_REWRITES[module];
    if (replacement === undefined) throw new Error(`bindgen imports ${module}, which has no @dfinity equivalent here`);
    return `from '${replacement}'`;
  });
  const header = [
    `// Generated from ${didPath} by \`npm run generate:clients\` (scripts/generate-clients.ts): do not edit.`,
    '// To change it, change the canister, then run `npm run build` and `npm run generate:clients`.',
    '// bindgen imports @icp-sdk/core; the generator points those imports at the @dfinity/* packages.',
  ].join('\n');
  return `${header}\n${rewritten.trimEnd()}\n`;
}
