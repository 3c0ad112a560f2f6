"""Look at a rendered notebook in headless Chromium: do the figures load, does Arabic run right to left?"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

CHECK = """
<script>
window.addEventListener("load", () => {
  const images = [...document.images];
  const result = {images: images.length,
                  broken: images.filter(i => !(i.complete && i.naturalWidth > 0)).length,
                  rtl: 0, rtl_single_line: 0, right_to_left: 0, direction_rtl: 0};
  for (const el of document.querySelectorAll('[dir="rtl"]')) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const node = walker.nextNode();
    if (!node || node.length < 2 || !/[\\u0600-\\u06ff]/.test(node.data)) continue;
    result.rtl += 1;
    if (getComputedStyle(el).direction === "rtl") result.direction_rtl += 1;
    const first = document.createRange(); first.setStart(node, 0); first.setEnd(node, 1);
    const last = document.createRange(); last.setStart(node, node.length - 1); last.setEnd(node, node.length);
    const a = first.getBoundingClientRect(), b = last.getBoundingClientRect();
    if (Math.abs(a.top - b.top) < 2) {
      result.rtl_single_line += 1;
      if (a.left > b.left) result.right_to_left += 1;
    }
  }
  const cells = [...document.querySelectorAll("td")].filter(td => /[\u0600-\u06ff]/.test(td.textContent));
  result.arabic_cells = cells.length;
  result.arabic_cells_rtl = cells.filter(td => getComputedStyle(td).direction === "rtl").length;
  result.kwic_rows = 0; result.kwic_before_right = 0;
  for (const row of document.querySelectorAll("table.kwic tbody tr")) {
    const before = row.querySelector("td.before"), match = row.querySelector("td.match");
    result.kwic_rows += 1;
    if (before.getBoundingClientRect().left >= match.getBoundingClientRect().right - 1) result.kwic_before_right += 1;
  }
  result.remote = performance.getEntriesByType("resource").map(e => e.name).filter(n => /^https?:/.test(n));
  result.remote_tags = [...document.querySelectorAll("script[src], link[href], img[src]")]
    .map(e => e.getAttribute("src") || e.getAttribute("href")).filter(u => /^(https?:)?[/][/]/.test(u));
  document.body.setAttribute("data-checks", JSON.stringify(result));
});
</script>
"""


def chromium() -> str | None:
    return next(
        (
            shutil.which(name)
            for name in ("chromium", "chromium-browser", "google-chrome")
            if shutil.which(name)
        ),
        None,
    )


OFFLINE = [
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
]
"""Chromium flags that cut the page off the network: no name resolves, every request goes to a dead proxy."""


def check_page(page: Path, workdir: Path, offline: bool = False) -> tuple[dict, Path]:
    """Load ``page`` in headless Chromium with a checking script; return its findings and a screenshot.
    With ``offline`` the browser has no network."""
    browser = chromium()
    probe = workdir / page.name
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", CHECK + "</body>"), encoding="utf-8")
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000"]
    if offline:
        flags += OFFLINE
    dom = subprocess.run(
        [*flags, "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    found = re.search(r'data-checks="([^"]*)"', dom)
    shot = workdir / f"{page.stem}.png"
    subprocess.run([*flags, f"--screenshot={shot}", "--window-size=1200,2400", probe.as_uri()],
                   capture_output=True, timeout=120, check=False)  # fmt: skip
    return (json.loads(html.unescape(found.group(1))) if found else {}), shot
