// `node --import ./scripts/typescript.mjs src/server.ts`: runs the TypeScript sources on any Node
// this project supports. Node 24 (and 22.18 or later) strips the types itself, so production needs
// no loader and no tsx installed; older Node (20) registers tsx, a development dependency
// (docs/adr/0010-node-strips-the-types.md).
if (!process.features.typescript) {
  try {
    await import('tsx');
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    console.error(
      `Node ${process.version} cannot run TypeScript by itself: run it on Node 24, as production does, ` +
        'or install the development dependencies (npm ci), which bring tsx.',
    );
    process.exit(1);
  }
}
