// Prisma's own engines (WebAssembly, offline) on schemas spec2db generated.
// stdin: {"schemas": [{"name", "content", "externalTables": ["public.users"]}], "databaseUrl": "postgresql://..." | null}
// stdout: [{"name", "errors": string | null, "formatted": string | null, "script": string | null}]
// `script` is the DDL of the schema engine's diff from an empty database to the
// schema (what `prisma migrate diff --from-empty --to-schema --script` prints);
// the engine connects to databaseUrl even for that, and changes nothing there.
import * as psl from '@prisma/prisma-schema-wasm';
import { SchemaEngine } from '@prisma/schema-engine-wasm';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const results = [];
for (const schema of request.schemas) {
  const file = ['schema.prisma', schema.content];
  const result = { name: schema.name, errors: null, formatted: null, script: null };
  try {
    psl.validate(JSON.stringify({ prismaSchema: [file], noColorErrors: true }));
  } catch (error) {
    result.errors = String(error.message ?? error);
  }
  if (result.errors === null) {
    const formatted = JSON.parse(psl.format(JSON.stringify([file]), JSON.stringify({ textDocument: { uri: 'file:/schema.prisma' }, options: { tabSize: 2, insertSpaces: true } })));
    result.formatted = formatted[0][1];
    if (request.databaseUrl) {
      const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: request.databaseUrl }));
      const engine = await SchemaEngine.new({ datamodels: [file] }, () => {}, adapter);
      try {
        const diff = await engine.diff({
          from: { tag: 'empty' },
          to: { tag: 'schemaDatamodel', files: [{ path: file[0], content: file[1] }] },
          script: true,
          exitCode: null,
          filters: { externalTables: schema.externalTables ?? [], externalEnums: [] },
        });
        result.script = diff.stdout;
      } catch (error) {
        result.errors = `schema engine: ${error.message ?? error}`;
      } finally {
        engine.free();
      }
    }
  }
  results.push(result);
}
// Exit once the output is flushed: the pg pool would keep the process alive
// for its idle timeout.
process.stdout.write(JSON.stringify(results), () => process.exit(0));
