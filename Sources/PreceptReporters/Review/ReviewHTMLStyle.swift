/// The review page's stylesheet: plain, high-contrast, A4-friendly when printed.
enum ReviewHTMLStyle {
  /// Colours for intervention types (Okabe–Ito, safe for colour-blind readers).
  static let palette = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
  ]

  static let css = """
    :root { --ink: #1d2330; --muted: #5b6473; --line: #d9dde3; --soft: #f4f6f8;
      --accent: #1f4e79; --warn: #a33a00; --warn-bg: #fff1e8; }
    * { box-sizing: border-box; }
    html { font-size: 15px; }
    body { margin: 0; color: var(--ink); background: #fff;
      font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
      line-height: 1.45; }
    main { max-width: 1040px; margin: 0 auto; padding: 32px 40px 48px; }
    header.title { border-bottom: 3px solid var(--accent); padding-bottom: 14px;
      margin-bottom: 22px; }
    header.title .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem;
      color: var(--accent); font-weight: 600; }
    h1 { font-size: 1.9rem; margin: 4px 0 6px; line-height: 1.2; }
    h2 { font-size: 1.3rem; margin: 34px 0 6px; color: var(--accent); }
    h3 { font-size: 1.05rem; margin: 20px 0 6px; }
    p { margin: 6px 0 10px; }
    .meta, .note { color: var(--muted); font-size: .88rem; }
    .cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin: 18px 0 6px; }
    .card { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px;
      background: var(--soft); }
    .card .n { font-size: 1.7rem; font-weight: 700; line-height: 1.1; }
    .card .l { font-size: .82rem; color: var(--muted); }
    .card.alert { background: var(--warn-bg); border-color: #f0b48a; }
    .card.alert .n { color: var(--warn); }
    .keypoints { border-left: 4px solid var(--accent); background: var(--soft); padding: 10px 16px;
      margin: 16px 0; }
    .keypoints ul { margin: 4px 0; padding-left: 20px; }
    table { border-collapse: collapse; width: 100%; margin: 8px 0 6px; font-size: .9rem; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
      vertical-align: top; }
    th { font-size: .8rem; color: var(--muted); font-weight: 600;
      border-bottom: 2px solid var(--line); }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.num { white-space: nowrap; }
    tr.flag td { background: var(--warn-bg); }
    tr.flag td.rr { color: var(--warn); font-weight: 700; }
    tr.sup td { color: var(--muted); font-style: italic; }
    tr.first td { border-top: 2px solid var(--line); }
    .badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: .75rem;
      font-weight: 600; }
    .badge.error { background: #fde2e1; color: #9b1c1c; }
    .badge.warning { background: #fff1e8; color: var(--warn); }
    .badge.info { background: #e6f0fa; color: var(--accent); }
    .badge.sup { background: #eceff3; color: var(--muted); font-style: normal; }
    .chart { margin: 8px 0 4px; }
    .chart svg { width: 100%; height: auto; display: block; }
    .muted { color: var(--muted); }
    .empty { color: var(--muted); font-style: italic; }
    td code { white-space: nowrap; }
    code { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace;
      font-size: .85em; }
    section { break-inside: auto; }
    footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); }
    @media print {
      @page { size: A4; margin: 14mm 12mm; }
      html { font-size: 11.5px; }
      main { max-width: none; padding: 0; }
      h2, h3 { break-after: avoid; }
      .chart, .card, .keypoints, .cards, section.keep { break-inside: avoid; }
      tr { break-inside: avoid; }
      thead { display: table-header-group; }
      th, td { padding: 4px 6px; }
      .card, .keypoints, tr.flag td, .badge { -webkit-print-color-adjust: exact;
        print-color-adjust: exact; }
    }
    @media screen and (max-width: 760px) {
      .cards { grid-template-columns: repeat(2, 1fr); }
      main { padding: 16px; }
    }
    """
}
