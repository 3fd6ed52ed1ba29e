/** The landing page served at `/` until the web app is built into the same origin. */
export function homePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Onset</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.75rem; }
code { background: #f0f0f0; padding: 0 .25rem; }
</style>
</head>
<body>
<main>
<h1>Onset</h1>
<p>Outcome tracking for ketamine treatment of anxiety: how fast it works, how long relief lasts, what it costs, and what harm is appearing.</p>
<p>The server is running. Health check: <a href="/healthz"><code>/healthz</code></a>.</p>
</main>
</body>
</html>`;
}
