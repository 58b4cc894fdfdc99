import 'reflect-metadata';
import { createServer } from 'node:http';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/app-config';
import { createRuntime } from '../src/runtime';

// Child process for the benchmark: `node servers.js platform|baseline PORT HOST`.
// Reports {ready} then answers {rss} when asked, over IPC.
async function main(): Promise<void> {
  const [kind, portArg, host] = process.argv.slice(2);
  const port = Number(portArg);
  const config = loadConfig();
  const runtime = await createRuntime(config);

  if (kind === 'platform') {
    const app = await createApp(runtime);
    await app.listen(port, '127.0.0.1');
  } else {
    // The baseline: the same template, data and translator, rendered on every request.
    const site = await runtime.registry.resolveSite(host);
    if (!site) throw new Error(`no tenant at ${host}`);
    const pr = { site, locale: runtime.presenter.locales(site).fallback, path: '/' };
    createServer((_req, res) => {
      const html = runtime.presenter.render('home', pr);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
    }).listen(port, '127.0.0.1');
  }
  process.on('message', (msg) => {
    if (msg === 'rss') process.send?.({ rss: process.memoryUsage().rss });
  });
  process.send?.({ ready: true });
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
