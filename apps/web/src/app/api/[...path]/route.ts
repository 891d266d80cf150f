import { forwardToApi } from '@/modules/api/lib/forward-to-api';

// Every `/api/*` request on the web origin goes to the API, evaluated per request.
export const dynamic = 'force-dynamic';

export const GET = forwardToApi;
export const HEAD = forwardToApi;
export const POST = forwardToApi;
export const PUT = forwardToApi;
export const PATCH = forwardToApi;
export const DELETE = forwardToApi;
export const OPTIONS = forwardToApi;
