import { Controller, Get, Header, Inject } from '@nestjs/common';
import { buildOpenApiDocument, routeList } from '@portico/contracts';
import { Public } from '../common/route.decorator.js';
import { API_ENV, type ApiEnv } from '../env.js';

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portico API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

/** Swagger UI: its own scripts and stylesheet from this origin (it sets inline styles), the document it fetches, nothing else. */
const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const INIT_JS = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', deepLinking: true });`;

/**
 * The OpenAPI document is generated from the same zod contracts that validate requests.
 * Public on purpose: it describes the API, it holds no data.
 */
@Public()
@Controller('api')
export class OpenApiController {
  private readonly document: Record<string, unknown>;

  constructor(@Inject(API_ENV) env: ApiEnv) {
    // The portal's public origin: it proxies /api, so clients generated from the document reach the API there.
    this.document = buildOpenApiDocument(routeList, { version: '0.1.0', serverUrl: env.PORTICO_PUBLIC_URL });
  }

  @Get('openapi.json')
  openapi() {
    return this.document;
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY)
  docs() {
    return DOCS_HTML;
  }

  @Get('docs/init.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  init() {
    return INIT_JS;
  }
}
