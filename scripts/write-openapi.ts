import { writeFileSync } from 'node:fs';
import { documentText, openApiDocument } from './openapi-document.js';

/**
 * Writes the service's OpenAPI document to the file given as the first argument (web/openapi.json
 * under `npm run api:generate`, which then generates the web app's types from it).
 */
const target = process.argv[2];
if (!target) {
  console.error('usage: node dist/scripts/write-openapi.js <file.json>');
  process.exit(2);
}
writeFileSync(target, documentText(await openApiDocument()));
console.log(`OpenAPI document written to ${target}`);
