"""Plot precision and recall per system from the SkillSpan benchmark JSON (matplotlib, dev extra).

    python -m benchmarks.accuracy.plot_skillspan bench-out/skillspan.json docs/accuracy-skillspan.png
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def plot(results_json: Path, out: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = json.loads(results_json.read_text(encoding="utf-8"))
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharex=True, sharey=True)
    for ax, metric, title in ((axes[0], "strict", "strict span match"), (axes[1], "set", "per-sentence skill sets")):
        for k, (name, r) in enumerate(data["results"].items()):
            p, rc, f1 = r[metric]["precision"], r[metric]["recall"], r[metric]["f1"]
            ax.scatter(rc, p, s=60, zorder=3, marker="os^Dv*Pp"[k % 8], label=f"{name} (F1 {f1:.3f})")
        for f in (0.3, 0.4, 0.5, 0.6):  # iso-F1 curves
            xs = [x / 100 for x in range(int(f * 50) + 1, 101)]
            ax.plot(xs, [f * x / (2 * x - f) for x in xs], color="0.85", lw=0.8, zorder=1)
            ax.text(0.98, f / (2 - f) + 0.01, f"F1={f}", fontsize=7, color="0.5", ha="right")
        ax.legend(loc="lower left", fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("recall")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("precision")
    fig.suptitle(f"Skill extraction on SkillSpan TECH {data['split']} (Knowledge layer), {data['date']}", fontsize=11)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


if __name__ == "__main__":
    print(plot(Path(sys.argv[1]), Path(sys.argv[2])))
