// Run history in SQLite: one row per run, repository, file, finding and skipped file.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <fmt/format.h>

#include "dfopt/audit.h"

namespace dfopt::audit {
namespace {

// The schema is documented in docs/audit.md; keep the two in step.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  id           INTEGER PRIMARY KEY,
  started_at   TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  shard        TEXT NOT NULL,
  seconds      REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS repositories (
  run_id   INTEGER NOT NULL REFERENCES runs(id),
  name     TEXT NOT NULL,
  root     TEXT NOT NULL,
  git_commit TEXT,
  PRIMARY KEY (run_id, name)
);
CREATE TABLE IF NOT EXISTS files (
  run_id             INTEGER NOT NULL REFERENCES runs(id),
  repository         TEXT NOT NULL,
  path               TEXT NOT NULL,
  has_stage          INTEGER NOT NULL,
  runs_as_root       INTEGER NOT NULL,
  no_healthcheck     INTEGER NOT NULL,
  latest_or_untagged INTEGER NOT NULL,
  smaller_base       INTEGER NOT NULL,
  base_images        TEXT NOT NULL,
  errors INTEGER NOT NULL, warnings INTEGER NOT NULL, infos INTEGER NOT NULL,
  styles INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS findings (
  run_id     INTEGER NOT NULL REFERENCES runs(id),
  repository TEXT NOT NULL,
  path       TEXT NOT NULL,
  rule       TEXT NOT NULL,
  severity   TEXT NOT NULL,
  message    TEXT NOT NULL,
  line INTEGER NOT NULL, column INTEGER NOT NULL,
  end_line INTEGER NOT NULL, end_column INTEGER NOT NULL,
  fix        TEXT
);
CREATE TABLE IF NOT EXISTS faults (
  run_id     INTEGER NOT NULL REFERENCES runs(id),
  repository TEXT NOT NULL,
  path       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  message    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_run ON findings(run_id, repository);
CREATE INDEX IF NOT EXISTS files_run ON files(run_id, repository);
)sql";

struct Db {
  sqlite3* db = nullptr;
  ~Db() { sqlite3_close(db); }
  std::string error() const { return db ? sqlite3_errmsg(db) : "out of memory"; }
  bool exec(const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
};

struct Stmt {
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s, nullptr); }
  ~Stmt() { sqlite3_finalize(s); }
  Stmt& text(int i, std::string_view v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& null(int i) {
    sqlite3_bind_null(s, i);
    return *this;
  }
  Stmt& i64(int i, int64_t v) {
    sqlite3_bind_int64(s, i, v);
    return *this;
  }
  Stmt& real(int i, double v) {
    sqlite3_bind_double(s, i, v);
    return *this;
  }
  bool step() {
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW;
  }
  std::string col_text(int i) const {
    const auto* p = sqlite3_column_text(s, i);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
};

Error db_error(const std::string& path, const std::string& what) {
  return Error{ErrorKind::io, what, path, std::nullopt};
}

std::optional<Severity> severity_of(std::string_view s) { return parse_severity(s); }

}  // namespace

std::optional<Error> store_run(const std::string& path, const AuditResult& r,
                               std::string_view shard) {
  Db db;
  if (sqlite3_open(path.c_str(), &db.db) != SQLITE_OK)
    return db_error(path, "cannot open the database: " + db.error());
  sqlite3_busy_timeout(db.db, 10000);
  if (!db.exec(kSchema)) return db_error(path, "cannot create the schema: " + db.error());
  // One transaction: an interrupted run stores nothing, never a partial run.
  if (!db.exec("BEGIN IMMEDIATE")) return db_error(path, db.error());
  const std::time_t now = std::time(nullptr);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  {
    Stmt run(db.db, "INSERT INTO runs (started_at, tool_version, shard, seconds) VALUES (?,?,?,?)");
    run.text(1, when).text(2, DFOPT_VERSION).text(3, shard).real(4, r.seconds);
    if (!run.step()) return db_error(path, db.error());
  }
  const int64_t id = sqlite3_last_insert_rowid(db.db);
  Stmt repo(db.db, "INSERT INTO repositories VALUES (?,?,?,?)");
  for (const Repository& x : r.repos) {
    repo.i64(1, id).text(2, x.name).text(3, x.root);
    x.commit.empty() ? repo.null(4) : repo.text(4, x.commit);
    if (!repo.step()) return db_error(path, db.error());
  }
  Stmt file(db.db, "INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const FileResult& f : r.files) {
    std::string bases;
    for (const std::string& b : f.facts.bases) bases += (bases.empty() ? "" : " ") + b;
    file.i64(1, id).text(2, r.repos[f.repo].name).text(3, f.path);
    file.i64(4, f.facts.has_stage).i64(5, f.facts.runs_as_root).i64(6, f.facts.no_healthcheck);
    file.i64(7, f.facts.latest_or_untagged).i64(8, f.facts.smaller_base).text(9, bases);
    for (int k = 0; k < 4; ++k) file.i64(10 + k, f.by_severity[k]);
    if (!file.step()) return db_error(path, db.error());
  }
  Stmt finding(db.db, "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  for (const Finding& f : r.findings) {
    finding.i64(1, id).text(2, r.repos[f.repo].name).text(3, f.path).text(4, f.rule);
    finding.text(5, to_string(f.severity)).text(6, f.message);
    finding.i64(7, f.line).i64(8, f.column).i64(9, f.end_line).i64(10, f.end_column);
    f.fix.empty() ? finding.null(11) : finding.text(11, f.fix);
    if (!finding.step()) return db_error(path, db.error());
  }
  Stmt fault(db.db, "INSERT INTO faults VALUES (?,?,?,?,?)");
  for (const Fault& f : r.faults) {
    fault.i64(1, id).text(2, f.repo).text(3, f.path).text(4, to_string(f.kind)).text(5, f.message);
    if (!fault.step()) return db_error(path, db.error());
  }
  if (!db.exec("COMMIT")) return db_error(path, db.error());
  return std::nullopt;
}

Expected<AuditResult> load_run(const std::string& path) {
  Db db;
  if (sqlite3_open_v2(path.c_str(), &db.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    return db_error(path, "cannot open the database: " + db.error());
  AuditResult r;
  int64_t id = -1;
  {
    Stmt s(db.db, "SELECT id, seconds FROM runs ORDER BY id DESC LIMIT 1");
    if (!s.s) return db_error(path, "not an audit database: " + db.error());
    if (sqlite3_step(s.s) == SQLITE_ROW) {
      id = sqlite3_column_int64(s.s, 0);
      r.seconds = sqlite3_column_double(s.s, 1);
    }
  }
  if (id < 0) return db_error(path, "the database holds no run");
  std::map<std::string, uint32_t> index;
  {
    Stmt s(db.db, "SELECT name, root, git_commit FROM repositories WHERE run_id = ? ORDER BY rowid");
    s.i64(1, id);
    while (sqlite3_step(s.s) == SQLITE_ROW) {
      index[s.col_text(0)] = static_cast<uint32_t>(r.repos.size());
      r.repos.push_back({s.col_text(0), s.col_text(1), s.col_text(2), true});
    }
  }
  auto repo_of = [&](const std::string& name) {
    auto it = index.find(name);
    return it == index.end() ? 0u : it->second;
  };
  {
    Stmt s(db.db, "SELECT repository, path, has_stage, runs_as_root, no_healthcheck, "
                  "latest_or_untagged, smaller_base, base_images, errors, warnings, infos, styles "
                  "FROM files WHERE run_id = ? ORDER BY rowid");
    s.i64(1, id);
    while (sqlite3_step(s.s) == SQLITE_ROW) {
      FileResult f;
      f.repo = repo_of(s.col_text(0));
      f.path = s.col_text(1);
      f.facts.has_stage = sqlite3_column_int(s.s, 2);
      f.facts.runs_as_root = sqlite3_column_int(s.s, 3);
      f.facts.no_healthcheck = sqlite3_column_int(s.s, 4);
      f.facts.latest_or_untagged = sqlite3_column_int(s.s, 5);
      f.facts.smaller_base = sqlite3_column_int(s.s, 6);
      const std::string bases = s.col_text(7);
      for (size_t b = 0; b < bases.size();) {
        size_t e = bases.find(' ', b);
        if (e == std::string::npos) e = bases.size();
        f.facts.bases.push_back(bases.substr(b, e - b));
        b = e + 1;
      }
      for (int k = 0; k < 4; ++k) f.by_severity[k] = sqlite3_column_int(s.s, 8 + k);
      r.files.push_back(std::move(f));
    }
  }
  {
    Stmt s(db.db, "SELECT repository, path, rule, severity, message, line, column, end_line, "
                  "end_column, fix FROM findings WHERE run_id = ? ORDER BY rowid");
    s.i64(1, id);
    while (sqlite3_step(s.s) == SQLITE_ROW) {
      Finding f;
      f.repo = repo_of(s.col_text(0));
      f.path = s.col_text(1);
      f.rule = s.col_text(2);
      f.severity = severity_of(s.col_text(3)).value_or(Severity::warning);
      f.message = s.col_text(4);
      f.line = sqlite3_column_int(s.s, 5);
      f.column = sqlite3_column_int(s.s, 6);
      f.end_line = sqlite3_column_int(s.s, 7);
      f.end_column = sqlite3_column_int(s.s, 8);
      f.fix = s.col_text(9);
      r.findings.push_back(std::move(f));
    }
  }
  {
    Stmt s(db.db, "SELECT repository, path, kind, message FROM faults WHERE run_id = ? ORDER BY rowid");
    s.i64(1, id);
    while (sqlite3_step(s.s) == SQLITE_ROW) {
      Fault f;
      f.repo = s.col_text(0);
      f.path = s.col_text(1);
      const std::string kind = s.col_text(2);
      for (size_t k = 0; k < kFaultKinds; ++k)
        if (to_string(static_cast<FaultKind>(k)) == kind) f.kind = static_cast<FaultKind>(k);
      f.message = s.col_text(3);
      r.faults.push_back(std::move(f));
    }
  }
  return r;
}

AuditResult merge(std::vector<AuditResult> shards) {
  AuditResult out;
  // Repositories in name order, as a single run lists them; each keeps its files, findings and
  // faults in the order its shard produced them (a single run's order within a repository).
  struct Ref {
    size_t shard;
    uint32_t repo;
  };
  std::vector<Ref> refs;
  for (size_t s = 0; s < shards.size(); ++s)
    for (uint32_t i = 0; i < shards[s].repos.size(); ++i) refs.push_back({s, i});
  std::stable_sort(refs.begin(), refs.end(), [&](const Ref& a, const Ref& b) {
    return shards[a.shard].repos[a.repo].name < shards[b.shard].repos[b.repo].name;
  });
  std::vector<std::vector<uint32_t>> remap(shards.size());
  for (size_t s = 0; s < shards.size(); ++s) remap[s].resize(shards[s].repos.size());
  for (const Ref& ref : refs) {
    remap[ref.shard][ref.repo] = static_cast<uint32_t>(out.repos.size());
    out.repos.push_back(shards[ref.shard].repos[ref.repo]);
  }
  for (size_t s = 0; s < shards.size(); ++s) {
    out.seconds = std::max(out.seconds, shards[s].seconds);
    for (FileResult& f : shards[s].files) {
      f.repo = remap[s][f.repo];
      out.files.push_back(std::move(f));
    }
    for (Finding& f : shards[s].findings) {
      f.repo = remap[s][f.repo];
      out.findings.push_back(std::move(f));
    }
    for (Fault& f : shards[s].faults) out.faults.push_back(std::move(f));
  }
  // Stable by repository: the order inside each repository is the shard's, unchanged.
  std::stable_sort(out.files.begin(), out.files.end(),
                   [](const FileResult& a, const FileResult& b) { return a.repo < b.repo; });
  std::stable_sort(out.findings.begin(), out.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.repo < b.repo; });
  sort_faults(out.faults);
  return out;
}

}  // namespace dfopt::audit

namespace dfopt::audit {

Expected<std::string> render_trend(const std::string& path) {
  Db db;
  if (sqlite3_open_v2(path.c_str(), &db.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    return db_error(path, "cannot open the database: " + db.error());
  Stmt s(db.db, R"sql(
    SELECT r.id, r.started_at, r.shard,
      (SELECT COUNT(*) FROM repositories x WHERE x.run_id = r.id),
      (SELECT COUNT(*) FROM files f WHERE f.run_id = r.id),
      (SELECT COUNT(*) FROM findings f WHERE f.run_id = r.id AND f.severity = 'error'),
      (SELECT COUNT(*) FROM findings f WHERE f.run_id = r.id AND f.severity = 'warning'),
      (SELECT COUNT(*) FROM findings f WHERE f.run_id = r.id AND f.severity = 'info'),
      (SELECT COUNT(*) FROM findings f WHERE f.run_id = r.id AND f.severity = 'style'),
      (SELECT COUNT(*) FROM files f WHERE f.run_id = r.id AND f.runs_as_root),
      (SELECT COUNT(*) FROM faults f WHERE f.run_id = r.id)
    FROM runs r ORDER BY r.id)sql");
  if (!s.s) return db_error(path, "not an audit database: " + db.error());
  std::string out = fmt::format("{:>4}  {:<20}  {:>6}  {:>6}  {:>8}  {:>8}  {:>8}  {:>7}  {:>7}\n",
                                "run", "started (UTC)", "repos", "files", "errors", "warnings",
                                "info", "style", "root");
  int64_t prev[6] = {};
  bool first = true;
  auto cell = [&](int64_t now, int64_t before) {
    if (first || now == before) return fmt::format("{}", now);
    return fmt::format("{}{:+}", now, now - before);
  };
  while (sqlite3_step(s.s) == SQLITE_ROW) {
    int64_t v[6];
    for (int k = 0; k < 6; ++k) v[k] = sqlite3_column_int64(s.s, 4 + k);
    out += fmt::format("{:>4}  {:<20}  {:>6}  {:>6}  {:>8}  {:>8}  {:>8}  {:>7}  {:>7}\n",
                       sqlite3_column_int64(s.s, 0), s.col_text(1), sqlite3_column_int64(s.s, 3),
                       cell(v[0], prev[0]), cell(v[1], prev[1]), cell(v[2], prev[2]),
                       cell(v[3], prev[3]), cell(v[4], prev[4]), cell(v[5], prev[5]));
    std::copy(v, v + 6, prev);
    first = false;
  }
  if (first) return db_error(path, "the database holds no run");
  return out;
}

}  // namespace dfopt::audit
