import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../scripts/openapi-document.js';

/**
 * The web app's API types are generated from web/openapi.json. When the service's routes or
 * response classes change, that file must be regenerated (`npm run api:generate`), else the app
 * is type-checked against an API that no longer exists.
 */
describe('the committed OpenAPI document of the web app', () => {
  it('is the document the service serves at /docs-json now', async () => {
    const committed: unknown = JSON.parse(readFileSync(join(process.cwd(), 'web', 'openapi.json'), 'utf8'));
    // On a difference: run `npm run api:generate` and commit web/openapi.json and the generated types.
    expect(committed).toEqual(await openApiDocument());
  });
});
