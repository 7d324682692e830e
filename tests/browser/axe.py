"""axe-core, the accessibility engine, fetched from the npm registry at test set-up (never committed):
`npm pack axe-core@<pinned version>` into .cache/axe-core/, checked against the pinned integrity, then
axe.min.js unpacked beside it. `script()` returns its source for page.add_script_tag(content=...)."""
from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import tarfile
from pathlib import Path

VERSION = "4.14.1"
# sha512 of the tarball as published (npm view axe-core@4.14.1 dist.integrity)
INTEGRITE = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
CACHE = Path(__file__).resolve().parents[2] / ".cache" / "axe-core"
# WCAG 2.1 levels A and AA (the RGAA 4 builds on WCAG 2.1 AA).
TAGS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class NpmAbsent(RuntimeError):
    pass


def _integrite(chemin: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(chemin.read_bytes()).digest()).decode()


def chemin_script() -> Path:
    """Path of axe.min.js, fetched with npm when missing; NpmAbsent when npm is not installed."""
    script = CACHE / VERSION / "axe.min.js"
    if script.exists():
        return script
    npm = shutil.which("npm")
    if npm is None:
        raise NpmAbsent("npm est absent : l'audit d'accessibilité (axe-core) ne peut pas être récupéré "
                        "(apt-get install npm)")
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run([npm, "pack", f"axe-core@{VERSION}", "--pack-destination", str(CACHE), "--silent"],
                   check=True, cwd=CACHE, capture_output=True, timeout=300)
    archive = CACHE / f"axe-core-{VERSION}.tgz"
    if _integrite(archive) != INTEGRITE:
        archive.unlink()
        raise RuntimeError(f"axe-core {VERSION} : l'archive ne correspond pas à l'empreinte attendue")
    with tarfile.open(archive) as tar:
        membre = tar.extractfile("package/axe.min.js")
        contenu = membre.read()
    script.parent.mkdir(parents=True, exist_ok=True)
    tmp = script.with_suffix(".tmp")
    tmp.write_bytes(contenu)
    tmp.replace(script)
    return script


def script() -> str:
    return chemin_script().read_text(encoding="utf-8")


# Runs axe in one document; returns the violations in a compact form. `exclure` lists CSS selectors
# left out of the audit (none by default: every allowance is explicit in the test).
_EXECUTER = """async ([tags, exclure]) => {
  const contexte = exclure.length ? {include: [document], exclude: exclure.map(s => [s])} : document;
  const r = await axe.run(contexte, {runOnly: {type: 'tag', values: tags}, iframes: false,
                                    resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, aide: v.help, url: v.helpUrl,
    noeuds: v.nodes.map(n => ({cible: n.target.join(' '), html: n.html.slice(0, 300),
                               resume: (n.failureSummary || '').slice(0, 400)}))}));
}"""


def auditer(cadre, source: str, exclure: list[str] | None = None) -> list[dict]:
    """Injects axe-core into a page or frame (when not there yet) and runs the WCAG 2.1 A/AA rules."""
    if not cadre.evaluate("() => typeof window.axe !== 'undefined'"):
        cadre.add_script_tag(content=source)
    return cadre.evaluate(_EXECUTER, [TAGS_WCAG, exclure or []])
