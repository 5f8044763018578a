/**
 * Container image references (`[registry/]repository[:tag][@digest]`), parsed the way Docker
 * does (distribution/reference): the first path component is a registry when it contains `.` or
 * `:` or is `localhost`; otherwise the image is on Docker Hub, where one-component names live
 * under `library/`.
 */

export interface ImageReference {
  /** The name as written, without tag or digest, e.g. `ghcr.io/acme/checkout` or `nginx`. */
  readonly name: string;
  /** Canonical name for comparison, e.g. `docker.io/library/nginx`. */
  readonly canonicalName: string;
  readonly tag: string | undefined;
  /** e.g. `sha256:abc...` */
  readonly digest: string | undefined;
}

const TAG_PATTERN = /^[\w][\w.-]{0,127}$/;
const DIGEST_PATTERN = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const NAME_PATTERN = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/**
 * Parses `reference`. Returns undefined when it is not a valid image reference (so YAML values
 * that merely look similar are left alone).
 */
export function parseImageReference(reference: string): ImageReference | undefined {
  const trimmed = reference.trim();
  if (trimmed === "" || /\s/.test(trimmed)) return undefined;
  let rest = trimmed;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_PATTERN.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_PATTERN.test(tag)) return undefined;
  }
  if (rest === "") return undefined;
  const slash = rest.indexOf("/");
  const first = slash >= 0 ? rest.slice(0, slash) : "";
  const hasRegistry = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  let registry = hasRegistry ? first.toLowerCase() : "docker.io";
  let path = hasRegistry ? rest.slice(slash + 1) : rest;
  if (!NAME_PATTERN.test(path)) return undefined;
  if (registry === "index.docker.io" || registry === "registry-1.docker.io") registry = "docker.io";
  if (registry === "docker.io" && !path.includes("/")) path = `library/${path}`;
  return { name: rest, canonicalName: `${registry}/${path}`, tag, digest };
}

/** `name[:tag][@digest]`. */
export function formatImageReference(
  name: string,
  tag: string | undefined,
  digest: string | undefined,
): string {
  return `${name}${tag !== undefined ? `:${tag}` : ""}${digest !== undefined ? `@${digest}` : ""}`;
}

/** True when both references name the same repository (tags and digests ignored). */
export function sameImage(a: ImageReference, b: ImageReference): boolean {
  return a.canonicalName === b.canonicalName;
}

/** An image the caller wants deployed: a reference that carries a tag, a digest, or both. */
export interface ImageUpdateRequest {
  readonly reference: ImageReference;
  /** As given by the caller, e.g. `ghcr.io/acme/checkout:1.4.2`. */
  readonly input: string;
}

/**
 * Parses the images an update should set.
 * @throws Error naming the first invalid entry (the caller turns it into invalid_arguments).
 */
export function parseImageUpdateRequests(images: readonly string[]): readonly ImageUpdateRequest[] {
  const seen = new Set<string>();
  return images.map((input, index) => {
    const reference = parseImageReference(input);
    if (!reference)
      throw new Error(
        `images[${index}] "${input}" is not an image reference like "ghcr.io/acme/checkout:1.4.2".`,
      );
    if (reference.tag === undefined && reference.digest === undefined) {
      throw new Error(
        `images[${index}] "${input}" has no tag or digest; give the version to deploy, e.g. "${input}:1.4.2".`,
      );
    }
    if (seen.has(reference.canonicalName))
      throw new Error(`images[${index}] "${input}" names the same image twice.`);
    seen.add(reference.canonicalName);
    return { reference, input: input.trim() };
  });
}

/** The last path component, e.g. `checkout` for `ghcr.io/acme/checkout` (used in commit messages). */
export function shortImageName(reference: ImageReference): string {
  const parts = reference.name.split("/");
  return parts[parts.length - 1] ?? reference.name;
}
