/* global process, Buffer, structuredClone */
// Validates an OpenAPI document with @apidevtools/swagger-parser and prints it dereferenced.
// A separate process: swagger-parser 13 is ESM-only (json-schema-ref-parser), which Jest's
// CommonJS runtime on Node 20 cannot load. Reads the document as JSON on stdin; writes
// { ok: true, dereferenced } or { ok: false, error } on stdout.
import SwaggerParser from '@apidevtools/swagger-parser';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = JSON.parse(Buffer.concat(chunks).toString('utf8'));
try {
  await SwaggerParser.validate(structuredClone(document));
  const dereferenced = await SwaggerParser.dereference(structuredClone(document));
  process.stdout.write(JSON.stringify({ ok: true, dereferenced }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, error: String(error?.message ?? error) }));
}
