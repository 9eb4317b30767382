// A local stand-in for OpenAI's organization API (usage in two pages joined by next_page, and
// the projects list an admin-key check reads), speaking the documented format, so the real app
// can poll it. Listens on 127.0.0.1 only.
import { createServer } from 'node:http';

export async function startFakeOpenAI({ adminKey, day }) {
  const start = Math.floor(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) / 1000);
  const bucket = (results) => ({ object: 'bucket', start_time: start, end_time: start + 86400, results });
  const pages = {
    first: {
      object: 'page',
      data: [
        bucket([
          { object: 'organization.usage.completions.result', input_tokens: 3000000, input_cached_tokens: 1000000,
            output_tokens: 10000, num_model_requests: 7, model: 'gpt-4o', api_key_id: 'key_e2e', project_id: null },
        ]),
      ],
      has_more: true,
      next_page: 'page_2',
    },
    second: {
      object: 'page',
      data: [
        bucket([
          { input_tokens: 500, input_cached_tokens: null, output_tokens: 500, num_model_requests: 1,
            model: 'house-model-without-price', api_key_id: 'key_e2e' },
        ]),
      ],
      has_more: false,
      next_page: null,
    },
  };
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    if (req.headers.authorization !== `Bearer ${adminKey}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Incorrect API key provided' } }));
      return;
    }
    if (url.pathname === '/organization/projects') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [], has_more: false }));
      return;
    }
    if (url.pathname !== '/organization/usage/completions') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"not found"}}');
      return;
    }
    if (url.searchParams.get('bucket_width') === '1h') {
      // Hours: none in this fake (an empty page, as the API answers for hours without usage).
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'page', data: [], has_more: false, next_page: null }));
      return;
    }
    const page = url.searchParams.get('page') === 'page_2' ? pages.second : pages.first;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(page));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
