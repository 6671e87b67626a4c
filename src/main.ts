import { createApp } from './bootstrap.js';

async function main() {
  const { app, config } = await createApp();
  await app.listen(config.port);
  console.log(`Wijkwacht listening on http://localhost:${config.port} (docs at /docs)`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
