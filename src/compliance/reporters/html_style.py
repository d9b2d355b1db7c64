"""The style sheet of the HTML report (inline in the page: no network, one file)."""

from __future__ import annotations

CSS = """
:root { --red:#c62828; --red-bg:#fdecea; --amber:#ef8f00; --amber-bg:#fff4e0; --green:#2e7d32;
  --green-bg:#e8f5e9; --purple:#6a1b9a; --purple-bg:#f3e5f5; --ink:#1f2328; --muted:#69707a;
  --line:#d8dde3; --panel:#f6f8fa; --accent:#8b1a1a; }
* { box-sizing: border-box; }
body { margin:0; color:var(--ink); background:#fff; font-size:14px; line-height:1.55;
  font-family: "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",
  "Source Han Sans SC","WenQuanYi Micro Hei",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; }
header.top { background:var(--accent); color:#fff; padding:14px 28px; display:flex; align-items:baseline;
  justify-content:space-between; gap:16px; flex-wrap:wrap; }
header.top .brand { font-size:19px; font-weight:700; letter-spacing:.5px; }
header.top .meta { font-size:12px; opacity:.85; }
main { padding:18px 28px 40px; max-width:1500px; margin:0 auto; }
h2 { font-size:20px; margin:4px 0 2px; } h3 { font-size:15px; margin:18px 0 8px; }
h4 { font-size:13px; margin:16px 0 6px; color:var(--muted); border-bottom:1px solid var(--line); padding-bottom:3px; }
.src { color:var(--muted); font-size:12px; margin:0 0 10px; word-break:break-all; }
.verdict { display:inline-block; font-weight:700; padding:3px 12px; border-radius:14px; font-size:14px; }
.verdict.fail { background:var(--red-bg); color:var(--red); border:1px solid #f5c2c0; }
.verdict.ok { background:var(--green-bg); color:var(--green); border:1px solid #b9dfbb; }
.verdict.unreadable { background:var(--purple-bg); color:var(--purple); border:1px solid #e1bee7; }
.chips { display:flex; gap:8px; flex-wrap:wrap; margin:8px 0 14px; }
.chip { border:1px solid var(--line); border-radius:6px; padding:2px 10px; font-size:12px; background:var(--panel); }
.chip b { font-size:14px; margin-left:4px; }
.chip.fail b { color:var(--red); } .chip.error b { color:var(--purple); } .chip.pass b { color:var(--green); }
.split { display:grid; grid-template-columns:minmax(0,1.35fr) minmax(320px,1fr); gap:22px; align-items:start; }
@media (max-width: 1000px) { .split { grid-template-columns:1fr; } }
table.grid { border-collapse:collapse; width:100%; font-size:12px; margin-bottom:6px; }
table.grid th, table.grid td { border:1px solid var(--line); padding:3px 6px; }
table.grid thead th { background:var(--panel); font-weight:600; text-align:center; }
table.grid tbody th { text-align:left; font-weight:normal; background:#fcfcfd; }
table.grid td { text-align:right; font-variant-numeric:tabular-nums; min-width:42px; white-space:nowrap; }
table.grid td.blank { background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f3f4f6 4px,#f3f4f6 8px); }
.bad { background:var(--red-bg) !important; outline:2px solid var(--red); outline-offset:-2px; font-weight:700;
  color:var(--red); position:relative; }
.undecided { background:var(--purple-bg) !important; outline:2px dashed var(--purple); outline-offset:-2px; }
.rowbad th { background:var(--red-bg) !important; }
a.badge { display:inline-block; min-width:16px; height:16px; line-height:16px; border-radius:8px;
  background:var(--red); color:#fff; font-size:10px; text-align:center; text-decoration:none; margin-left:4px;
  padding:0 3px; vertical-align:1px; font-weight:700; }
aside.findings { position:sticky; top:10px; }
.finding { border:1px solid var(--line); border-left:4px solid var(--red); border-radius:6px; padding:8px 10px;
  margin-bottom:8px; background:#fff; }
.finding.sev-warning { border-left-color:var(--amber); } .finding.sev-info { border-left-color:#0277bd; }
.finding.st-error { border-left-style:dashed; border-left-color:var(--purple); }
.finding:target { box-shadow:0 0 0 3px #ffd54f; }
.fhead { display:flex; gap:6px; align-items:baseline; flex-wrap:wrap; font-size:12px; }
.fhead .num { background:var(--red); color:#fff; border-radius:8px; min-width:18px; text-align:center;
  font-weight:700; font-size:11px; padding:0 4px; }
.sev { font-weight:700; } .sev.error { color:var(--red); } .sev.warning { color:var(--amber); }
.sev.info { color:#0277bd; }
code { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:11.5px; color:#444;
  background:var(--panel); padding:0 4px; border-radius:3px; }
.msg { margin:4px 0 2px; font-size:13.5px; }
.where { margin:0; font-size:12px; color:var(--muted); } .where a { color:inherit; }
dl.ev { display:grid; grid-template-columns:auto 1fr; gap:0 10px; margin:4px 0 0; font-size:11.5px;
  background:var(--panel); border-radius:4px; padding:4px 8px; }
dl.ev dt { color:var(--muted); font-family:ui-monospace,Menlo,Consolas,monospace; word-break:break-all; }
dl.ev dd { margin:0; font-weight:600; word-break:break-all; }
.basis, .fix { margin:3px 0 0; font-size:12px; } .fix { color:#1b5e20; } .basis { color:var(--muted); }
dl.facts { display:grid; grid-template-columns:auto 1fr; gap:0 10px; font-size:12px; color:var(--muted);
  margin:4px 0 10px; } dl.facts dd { margin:0; word-break:break-all; }
details.text { margin-top:14px; font-size:13.5px; line-height:1.7; } details.text p { margin:4px 0; }
details.text p.marked { background:#fff3e0; border-left:3px solid var(--red); padding:2px 8px; }
.unchecked { margin-top:14px; font-size:12.5px; color:#555; }
.unchecked ul { margin:6px 0; padding-left:18px; list-style:none; }
details.passed { margin-top:14px; font-size:12.5px; } details.passed ul { columns:2; margin:6px 0; }
section.report { border-top:2px solid var(--line); padding-top:14px; margin-top:22px; }
section.report:first-of-type { border-top:none; margin-top:0; }
.kpis { display:flex; gap:14px; flex-wrap:wrap; margin:6px 0 18px; }
.kpi { border:1px solid var(--line); border-radius:8px; padding:10px 18px; min-width:150px; background:#fff; }
.kpi .n { font-size:28px; font-weight:700; line-height:1.2; } .kpi .l { color:var(--muted); font-size:12.5px; }
.kpi.red .n { color:var(--red); } .kpi.green .n { color:var(--green); } .kpi.purple .n { color:var(--purple); }
.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(480px,1fr)); gap:18px; }
.card { border:1px solid var(--line); border-radius:8px; padding:14px 16px; background:#fff; }
.card h3 { margin-top:0; }
table.list { border-collapse:collapse; width:100%; font-size:12.5px; }
table.list th, table.list td { border-bottom:1px solid var(--line); padding:4px 6px; text-align:left; }
table.list th { background:var(--panel); } table.list td.n { text-align:right; font-variant-numeric:tabular-nums; }
.score { font-weight:700; } .score.low { color:var(--red); } .score.mid { color:var(--amber); }
.score.high { color:var(--green); }
svg.chart text { fill:#333; } .donut-row { display:flex; align-items:center; gap:14px; }
.legend span { display:inline-block; margin-right:10px; font-size:12px; }
.legend i { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:4px; }
footer { color:var(--muted); font-size:11.5px; padding:10px 28px 24px; border-top:1px solid var(--line); }
@media print { aside.findings { position:static; } header.top { -webkit-print-color-adjust:exact;
  print-color-adjust:exact; } .finding, .card { break-inside:avoid; } }
"""
