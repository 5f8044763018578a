import { Readable } from "node:stream";
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { HttpError } from "./http.js";
import { type OctopusApi } from "./api.js";

const UNAUTHORIZED = {
  ErrorMessage:
    "You must be logged in to perform this action. Please provide a valid API key or log in again.",
  Errors: [] as string[],
};

/** The credential a request carries: `X-Octopus-ApiKey`, `Authorization: Bearer`, `X-NuGet-ApiKey` or `?apikey=` (octopus-api.md §3). */
function presentedKeys(req: FastifyRequest, search: URLSearchParams): string[] {
  const keys: string[] = [];
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const apiKey = header("x-octopus-apikey") ?? header("x-nuget-apikey");
  if (apiKey) keys.push(apiKey.trim());
  const auth = header("authorization");
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  if (m?.[1]) keys.push(m[1].trim());
  for (const [k, v] of search) if (k.toLowerCase() === "apikey" && v) keys.push(v);
  return keys;
}

/**
 * Registers the Octopus REST API under `/api` on a fastify instance (encapsulated: its JSON parser accepts
 * empty bodies, errors are `{ErrorMessage, Errors}`). Every route needs the API key except anonymous `GET /api`.
 */
export async function registerOctopusApi(
  app: FastifyInstance,
  api: OctopusApi,
  apiKey: string,
): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string" }, (_req, body, done) => {
      const text = typeof body === "string" ? body : body.toString("utf8");
      if (text.trim() === "") return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(
          new HttpError(400, "There was a problem with your request.", [
            "The request body is not valid JSON.",
          ]),
          undefined,
        );
      }
    });
    scope.setErrorHandler((err: unknown, _req, reply) => {
      if (err instanceof HttpError)
        return reply.code(err.status).send({ ErrorMessage: err.message, Errors: err.errors });
      const e = err as { statusCode?: number; message?: string };
      const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
      return reply.code(status).send({
        ErrorMessage:
          status === 500
            ? "An unexpected error occurred in the Octopus sandbox."
            : "There was a problem with your request.",
        Errors: [e.message ?? String(err)],
      });
    });

    const handle = async (req: FastifyRequest, reply: FastifyReply) => {
      const url = new URL(req.url, "http://sandbox.invalid");
      const keys = presentedKeys(req, url.searchParams);
      const isRoot = /^\/api\/?$/i.test(url.pathname) && req.method === "GET";
      if (keys.length === 0 ? !isRoot : !keys.includes(apiKey)) {
        return reply.code(401).send(UNAUTHORIZED);
      }
      const { status, result } = await api.router.dispatch(
        req.method,
        url.pathname,
        url.searchParams,
        req.body,
      );
      if ("text" in result) {
        return reply
          .code(status)
          .type(result.contentType ?? "text/plain; charset=utf-8")
          .send(Readable.from(result.text));
      }
      return reply.code(status).send(result.json);
    };
    scope.all("/api", handle);
    scope.all("/api/*", handle);
  });
}
