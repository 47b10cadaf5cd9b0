from eventlens.analysis import SearchIndex, search
from eventlens.analysis import fulltext as search_module


def test_fts_ranks_and_finds_evidence(store):
    index = SearchIndex(store)
    hits = index.search("sanctioned")
    assert index.backend == "fts"
    assert [h.article_id for h in hits] == ["a3"]
    assert [e.plover_type for e in hits[0].evidence] == ["SANCTION"]
    assert "sanctioned" in hits[0].snippet
    assert search(store, "") == []


def test_falls_back_to_ilike_without_the_extension(store, monkeypatch):
    monkeypatch.setattr(search_module, "fts_extension_path", lambda: None)
    index = SearchIndex(store)
    hits = index.search("lviv")
    assert index.backend == "ilike" and "not installed" in index.reason
    assert [h.article_id for h in hits] == ["a2"]
