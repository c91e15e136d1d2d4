// The audit's HTML report: one self-contained page (no network requests) with inline SVG charts
// and a sortable, filterable table of findings.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "dfopt/audit.h"
#include "dfopt/rule.h"

namespace dfopt::audit {
namespace {

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

/// A horizontal bar chart of the `limit` largest counts.
std::string bar_chart(std::string_view id, std::string_view title,
                      const std::map<std::string, size_t>& counts, size_t limit) {
  std::vector<std::pair<std::string, size_t>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (v.size() > limit) v.resize(limit);
  const size_t max = v.empty() ? 1 : std::max<size_t>(1, v.front().second);
  constexpr int label_w = 260, bar_w = 360, row_h = 20;
  const int height = static_cast<int>(v.size()) * row_h + 10;
  std::string out = fmt::format(
      "<figure><figcaption>{}</figcaption><svg id=\"{}\" class=\"chart\" "
      "xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\">",
      escape(title), id, label_w + bar_w + 80, height);
  for (size_t i = 0; i < v.size(); ++i) {
    const int y = static_cast<int>(i) * row_h + 5;
    const int w = std::max(1, static_cast<int>(bar_w * v[i].second / max));
    std::string label = v[i].first.size() > 40 ? v[i].first.substr(0, 39) + "…" : v[i].first;
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
        "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {}</title>"
        "</rect><text x=\"{}\" y=\"{}\">{}</text>",
        label_w - 6, y + 14, escape(label), label_w, y + 2, w, row_h - 4, escape(v[i].first),
        v[i].second, label_w + w + 4, y + 14, v[i].second);
  }
  return out + "</svg></figure>\n";
}

// Sorting and filtering run in the page; the findings are embedded as JSON rows.
constexpr const char* kScript = R"js(
const rows = JSON.parse(document.getElementById('data').textContent);
const body = document.querySelector('#findings tbody');
const filter = document.getElementById('filter');
const count = document.getElementById('count');
const LIMIT = 2000;
let sortKey = 0, sortDir = 1;
function render() {
  const q = filter.value.toLowerCase();
  const shown = q ? rows.filter(r => r.some(c => String(c).toLowerCase().includes(q))) : rows.slice();
  shown.sort((a, b) => {
    const x = a[sortKey], y = b[sortKey];
    return (typeof x === 'number' ? x - y : String(x).localeCompare(String(y))) * sortDir;
  });
  const html = [];
  for (const r of shown.slice(0, LIMIT)) {
    html.push('<tr>' + r.map(c => '<td>' + String(c).replace(/&/g, '&amp;').replace(/</g, '&lt;') + '</td>').join('') + '</tr>');
  }
  body.innerHTML = html.join('');
  count.textContent = shown.length + ' findings' + (shown.length > LIMIT ? ' (first ' + LIMIT + ' shown)' : '');
}
document.querySelectorAll('#findings th').forEach((th, i) => th.addEventListener('click', () => {
  sortDir = sortKey === i ? -sortDir : 1;
  sortKey = i;
  document.querySelectorAll('#findings th').forEach(h => h.removeAttribute('aria-sort'));
  th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
  render();
}));
filter.addEventListener('input', render);
// A link can carry the view: #sort=<column>&dir=desc&q=<filter>.
const params = new URLSearchParams(location.hash.slice(1));
const headers = document.querySelectorAll('#findings th');
if (params.has('q')) filter.value = params.get('q');
if (params.has('sort')) {
  const i = Math.max(0, Array.from(headers).findIndex(h => h.textContent === params.get('sort')));
  sortKey = i;
  sortDir = params.get('dir') === 'desc' ? -1 : 1;
  headers[i].setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
}
render();
)js";

}  // namespace

std::string render_html(const AuditResult& r) {
  std::map<std::string, size_t> by_rule, by_category, by_repo, bases;
  for (const Finding& f : r.findings) {
    const Rule* rule = find_rule(f.rule);
    ++by_rule[rule ? fmt::format("{} {}", f.rule, rule->info().name) : f.rule];
    ++by_category[rule ? std::string(to_string(rule->info().category)) : "other"];
    ++by_repo[r.repos[f.repo].name];
  }
  for (const FileResult& f : r.files)
    for (const std::string& b : f.facts.bases) ++bases[b];

  nlohmann::json rows = nlohmann::json::array();
  for (const Finding& f : r.findings)
    rows.push_back({r.repos[f.repo].name, f.path, f.line, f.rule, std::string(to_string(f.severity)),
                    f.message, f.fix.empty() ? "" : f.fix});
  // "</" inside the JSON would end the script element.
  std::string data = rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  for (size_t p = 0; (p = data.find("</", p)) != std::string::npos;) data.replace(p, 2, "<\\/");

  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
      "<title>dfopt audit</title><style>"
      "body{font:14px system-ui,sans-serif;margin:2em;color:#222}"
      "figure{display:inline-block;margin:0 2em 2em 0;vertical-align:top}"
      "figcaption{font-weight:600;margin-bottom:.5em}.chart text{font-size:12px}"
      ".bar{fill:#3b6fb6}table{border-collapse:collapse;width:100%}"
      "th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;font-size:13px}"
      "th{cursor:pointer;background:#f4f4f4;user-select:none}"
      "th[aria-sort=ascending]::after{content:' ▲'}th[aria-sort=descending]::after{content:' ▼'}"
      "</style></head><body>\n";
  out += fmt::format("<h1>Dockerfile audit</h1><p id=\"totals\">{} files in {} repositories, {} "
                     "findings, {} skipped</p>\n",
                     r.files.size(), r.repos.size(), r.findings.size(), r.faults.size());
  out += bar_chart("by-rule", "Findings by rule", by_rule, 20);
  out += bar_chart("by-category", "Findings by category", by_category, 20);
  out += bar_chart("by-repository", "Findings by repository", by_repo, 20);
  out += bar_chart("base-images", "Base images", bases, 15);
  out += "<h2>Findings</h2><p><input id=\"filter\" type=\"search\" placeholder=\"Filter\"> "
         "<span id=\"count\"></span></p>\n<table id=\"findings\"><thead><tr><th>repository</th>"
         "<th>path</th><th>line</th><th>rule</th><th>severity</th><th>message</th><th>fix</th>"
         "</tr></thead><tbody></tbody></table>\n";
  out += "<script type=\"application/json\" id=\"data\">" + data + "</script>\n";
  out += std::string("<script>") + kScript + "</script>\n</body></html>\n";
  return out;
}

}  // namespace dfopt::audit
