import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runGit, runGitRaw } from "./git-cli.js";

/** One commit of the seeded history: files written (string) or deleted (null), relative to the repo root. */
export interface SeedCommit {
  message: string;
  /** Author and committer date, ISO 8601; fixed dates make commit SHAs deterministic. */
  date: string;
  files: Record<string, string | null>;
}

/** The files of one commit: repo-relative path -> UTF-8 content. */
export type TreeSnapshot = ReadonlyMap<string, string>;

/** Author, date and message of a commit (the shape Argo CD's revision metadata needs). */
export interface CommitMetadata {
  sha: string;
  author: string;
  /** ISO 8601. */
  date: string;
  message: string;
}

const AUTHOR = "Octo Shop GitOps <gitops@octo-shop.example>";
const SHA_RE = /^[0-9a-f]{40}$/;

/**
 * A bare Git repository on local disk holding the manifests Argo CD applications point at, created with
 * the real `git` CLI. Reads go through git too (`ls-tree`, `cat-file --batch`), so commits pushed by
 * anyone (tests, demos) are seen exactly as Argo CD's repo server would see them.
 */
export class ManifestRepository {
  private readonly snapshots = new Map<string, Promise<TreeSnapshot>>();
  private seeded: readonly string[] = [];

  /** SHAs of the seed commits, oldest first (empty before {@link initialise} finished). */
  get seedShas(): readonly string[] {
    return this.seeded;
  }

  private constructor(
    /** Absolute path of the bare repository (`.../manifests.git`). */
    readonly bareRepoPath: string,
    /** Branch applications track (`targetRevision`). */
    readonly branch: string,
  ) {}

  /** `file://` URL of the bare repository: what `spec.source.repoURL` holds and what `git clone` accepts. */
  get url(): string {
    return pathToFileURL(this.bareRepoPath).href;
  }

  /**
   * Creates `<dir>/manifests.git` (bare, default branch `branch`) and writes `commits` to it in one
   * `git fast-import` run: two git processes in all (`init`, `fast-import`). The commit SHAs come from
   * fast-import's marks and the seeded trees are known in memory, so reading them later needs no git.
   *
   * @throws GitCommandError when git is missing or rejects the history; Error when `commits` is empty.
   */
  static async create(
    dir: string,
    commits: readonly SeedCommit[],
    branch = "main",
  ): Promise<ManifestRepository> {
    const repo = ManifestRepository.at(dir, branch);
    await repo.initialise(commits);
    return repo;
  }

  /**
   * The repository object for `<dir>/manifests.git` before it exists: `url` and `bareRepoPath` are known
   * at once, everything that reads git needs {@link initialise} to have finished first.
   */
  static at(dir: string, branch = "main"): ManifestRepository {
    return new ManifestRepository(path.resolve(dir, "manifests.git"), branch);
  }

  /**
   * Creates the bare repository and imports `commits` (see {@link create}). Call once.
   *
   * @returns the SHAs of `commits`, oldest first.
   * @throws GitCommandError when git is missing or rejects the history; Error when `commits` is empty.
   */
  async initialise(commits: readonly SeedCommit[]): Promise<string[]> {
    if (commits.length === 0) throw new Error("ManifestRepository.create needs at least one commit");
    const bare = this.bareRepoPath;
    await mkdir(path.dirname(bare), { recursive: true });
    await runGit(["init", "--quiet", "--bare", `--initial-branch=${this.branch}`, bare], {
      cwd: path.dirname(bare),
    });
    const marks = path.join(bare, "seed-marks");
    await runGit(["fast-import", "--quiet", "--done", `--export-marks=${marks}`], {
      cwd: bare,
      input: fastImportStream(commits, this.branch),
    });
    const byMark = new Map<string, string>();
    for (const line of (await readFile(marks, "utf8")).split("\n")) {
      const [mark, sha] = line.split(" ");
      if (mark && sha && SHA_RE.test(sha)) byMark.set(mark, sha);
    }
    await rm(marks, { force: true });
    const shas = commits.map((_c, i) => byMark.get(`:${i + 1}`) ?? "");
    if (shas.some((sha) => sha === "")) throw new Error("git fast-import did not report every seed commit");
    // The trees of the seed commits are exactly the files written: cache them so renders need no git.
    const files = new Map<string, string>();
    commits.forEach((commit, i) => {
      for (const [file, content] of Object.entries(commit.files)) {
        if (content === null) files.delete(file);
        else files.set(file, content);
      }
      this.snapshots.set(shas[i] ?? "", Promise.resolve(new Map(files)));
    });
    this.seeded = shas;
    return shas;
  }

  /**
   * SHA of the tip of `branch`. Reads the loose ref file first (one fs read, cheap enough to call on
   * every request), then falls back to `git rev-parse` (packed refs).
   *
   * @throws GitCommandError when the branch does not exist.
   */
  async headSha(branch = this.branch): Promise<string> {
    try {
      const loose = (await readFile(path.join(this.bareRepoPath, "refs", "heads", branch), "utf8")).trim();
      if (SHA_RE.test(loose)) return loose;
    } catch {
      // not a loose ref: ask git
    }
    return (
      await runGit(["rev-parse", "--verify", `refs/heads/${branch}^{commit}`], { cwd: this.bareRepoPath })
    ).trim();
  }

  /**
   * Resolves a revision as Argo CD does for git sources: a full SHA, a branch, a tag or `HEAD`.
   *
   * @returns the commit SHA, or undefined when the revision does not resolve to a commit.
   */
  async resolveRevision(revision: string): Promise<string | undefined> {
    const rev = revision.trim() === "" || revision === "HEAD" ? this.branch : revision.trim();
    if (rev.startsWith("-")) return undefined;
    for (const candidate of [`refs/heads/${rev}`, `refs/tags/${rev}`, rev]) {
      try {
        const sha = (
          await runGit(["rev-parse", "--verify", "--quiet", `${candidate}^{commit}`], {
            cwd: this.bareRepoPath,
          })
        ).trim();
        if (SHA_RE.test(sha)) return sha;
      } catch {
        // try the next form
      }
    }
    return undefined;
  }

  /**
   * All files of a commit, read with `git ls-tree` + `git cat-file --batch` (two processes per commit,
   * cached per SHA).
   *
   * @throws GitCommandError when the SHA is unknown.
   */
  snapshot(sha: string): Promise<TreeSnapshot> {
    let cached = this.snapshots.get(sha);
    if (!cached) {
      cached = this.readTree(sha);
      cached.catch(() => this.snapshots.delete(sha));
      this.snapshots.set(sha, cached);
    }
    return cached;
  }

  /** Author, date and message of a commit. @throws GitCommandError when the SHA is unknown. */
  async commitMetadata(sha: string): Promise<CommitMetadata> {
    const out = await runGit(["show", "-s", "--format=%H%x00%an <%ae>%x00%aI%x00%B", sha], {
      cwd: this.bareRepoPath,
    });
    const [full = sha, author = "", date = "", message = ""] = out.split("\0");
    return { sha: full, author, date, message: message.trim() };
  }

  /** SHAs of the commits on `branch`, oldest first. @throws GitCommandError when the branch is missing. */
  async commits(branch = this.branch): Promise<string[]> {
    const out = await runGit(["rev-list", "--reverse", `refs/heads/${branch}`], { cwd: this.bareRepoPath });
    return out.split("\n").filter((l) => SHA_RE.test(l));
  }

  /** Deletes the repository directory. */
  async remove(): Promise<void> {
    await rm(this.bareRepoPath, { recursive: true, force: true });
  }

  private async readTree(sha: string): Promise<TreeSnapshot> {
    const listing = await runGit(["ls-tree", "-r", "-z", sha], { cwd: this.bareRepoPath });
    const entries: { oid: string; path: string }[] = [];
    for (const record of listing.split("\0")) {
      const tab = record.indexOf("\t");
      if (tab < 0) continue;
      const [, type, oid] = record.slice(0, tab).split(" ");
      if (type === "blob" && oid) entries.push({ oid, path: record.slice(tab + 1) });
    }
    const files = new Map<string, string>();
    if (entries.length === 0) return files;
    const raw = await runGitRaw(["cat-file", "--batch"], {
      cwd: this.bareRepoPath,
      input: entries.map((e) => e.oid).join("\n") + "\n",
    });
    let offset = 0;
    for (const entry of entries) {
      const headerEnd = raw.indexOf(0x0a, offset);
      const size = Number(raw.subarray(offset, headerEnd).toString("utf8").split(" ")[2]);
      const start = headerEnd + 1;
      files.set(entry.path, raw.subarray(start, start + size).toString("utf8"));
      offset = start + size + 1;
    }
    return files;
  }
}

/** The `git fast-import` input for a linear history on `branch` (data lengths are in bytes). */
function fastImportStream(commits: readonly SeedCommit[], branch: string): string {
  const data = (text: string): string => `data ${Buffer.byteLength(text, "utf8")}\n${text}\n`;
  let out = "";
  commits.forEach((commit, i) => {
    const when = `${Math.floor(Date.parse(commit.date) / 1000)} +0000`;
    out += `commit refs/heads/${branch}\nmark :${i + 1}\n`;
    out += `author ${AUTHOR} ${when}\ncommitter ${AUTHOR} ${when}\n`;
    out += data(commit.message);
    for (const [file, content] of Object.entries(commit.files)) {
      out += content === null ? `D ${file}\n` : `M 100644 inline ${file}\n${data(content)}`;
    }
    out += "\n";
  });
  return out + "done\n";
}
