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

// A local stand-in for Anthropic's Admin API: the usage report (one day bucket of `model`, no
// hours), the cost report billing that day `billedCents` (decimal cents, as the API writes
// them) under the model's undated alias, and an empty key list. Checks `x-api-key`.
export async function startFakeAnthropic({ adminKey, day, model, usage, billedCents }) {
  const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  const bucket = (results) => ({
    starting_at: start.toISOString().replace('.000Z', 'Z'),
    ending_at: new Date(start.getTime() + 86400000).toISOString().replace('.000Z', 'Z'),
    results,
  });
  const alias = model.replace(/-\d{8}$/, '');
  const answers = {
    '/v1/organizations/usage_report/messages': (url) => ({
      data: url.searchParams.get('bucket_width') === '1h' ? [] : [bucket([{ ...usage, model, api_key_id: 'apikey_e2e' }])],
      has_more: false,
      next_page: null,
    }),
    '/v1/organizations/cost_report': () => ({
      data: [
        bucket([
          { currency: 'USD', amount: billedCents, description: `${alias} usage`, cost_type: 'tokens', model: alias,
            token_type: 'uncached_input_tokens', service_tier: 'standard', context_window: '0-200k' },
        ]),
      ],
      has_more: false,
      next_page: null,
    }),
    '/v1/organizations/api_keys': () => ({ data: [], has_more: false, first_id: null, last_id: null }),
  };
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const answer = answers[url.pathname];
    if (req.headers['x-api-key'] !== adminKey) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
      return;
    }
    if (!answer) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'Not found' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer(url)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
