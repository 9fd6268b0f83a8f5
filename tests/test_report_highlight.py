from stackfit.report.html import Mark, highlight


def test_highlight_escapes_and_anchors():
    text = "Built <RAG> with PyTorch & FAISS"
    marks = [Mark(17, 24, "c1-e0", "ev built", "PyTorch"), Mark(27, 32, "c1-e1", "ev listed", "FAISS")]
    html = str(highlight(text, marks))
    assert "&lt;RAG&gt;" in html and "&amp;" in html
    assert '<span class="anchor" id="c1-e0"></span><mark class="built ev" title="PyTorch">PyTorch</mark>' in html
    assert html.count("<mark") == 2


def test_highlight_overlapping_marks_split_into_segments():
    text = "deployed PyTorch models to production"
    marks = [Mark(0, 37, "s0", "sig", "signal: production"), Mark(9, 16, "e0", "ev used", "PyTorch")]
    html = str(highlight(text, marks))
    # the skill inside the signal carries both classes; the text around it only the signal's
    assert '<mark class="ev sig used" title="signal: production; PyTorch">PyTorch</mark>' in html
    assert '<mark class="sig" title="signal: production">deployed </mark>' in html
    # every character of the text is still there, in order
    import re

    assert re.sub(r"<[^>]+>", "", html) == text
