// Every npm script runs on the Node 22 that the `node` devDependency installs.
// If npm skipped install scripts (e.g. `npm ci --ignore-scripts`), `node` here is
// the system's, possibly Node 20: fail loudly instead of half-working.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `\nGlue Run Tracker needs Node >= 22, but this is Node ${process.versions.node}.\n` +
      "Run `npm ci` (without --ignore-scripts) so that node_modules/.bin/node is Node 22,\n" +
      "or install Node 22 yourself (see .nvmrc).\n",
  );
  process.exit(1);
}
