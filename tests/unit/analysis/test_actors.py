from eventlens.analysis import EventQuery, actor_list, actor_network, article_view, overview


def test_actor_list(store):
    actors = {a.code: a for a in actor_list(store)}
    assert actors["RUS"].name == "Russia"
    # asserted events by default, as every face counts: the denied attack is left out
    assert (actors["RUS"].as_source, actors["RUS"].as_target) == (3, 2)
    every = {a.code: a for a in actor_list(store, events=EventQuery(status=None))}
    assert (every["RUS"].as_source, every["RUS"].as_target) == (4, 2)
    assert actors["RUS"].roles == ("GOV", "MIL")
    assert [a.code for a in actor_list(store, q="united")] == ["USA"]
    assert len(actor_list(store, limit=1)) == 1


def test_network_edges(store):
    net = actor_network(store)
    edges = {(e.source, e.target): e for e in net.edges}
    assert edges[("RUS", "UKR")].events == 3  # the denied attack is left out
    assert edges[("RUS", "UKR")].conflict == 2 and edges[("RUS", "UKR")].cooperation == 1
    assert edges[("USA", "UKR")].conflict_share == 0.0
    assert {n.code for n in net.nodes} == {"RUS", "UKR", "USA"}
    assert actor_network(store, status="all").edges[0].events == 4
    small = actor_network(store, max_nodes=2)
    assert {n.code for n in small.nodes} == {"RUS", "UKR"}
    assert all(e.source in {"RUS", "UKR"} and e.target in {"RUS", "UKR"} for e in small.edges)


def test_article_view_and_overview(store):
    view = article_view(store, "a3")
    assert [e.plover_type for e in view.events] == ["CONSULT", "SANCTION", "AID"]
    e = view.events[1]
    assert view.text[e.evidence_start:e.evidence_end] == e.evidence
    assert len(view.mentions) == 6
    assert article_view(store, "zz") is None
    ov = overview(store)
    assert (ov.store_articles, ov.articles, ov.events, ov.reports) == (3, 3, 6, 6)
    assert ov.by_status == {"asserted": 6, "denied": 1}
    assert (overview(store, EventQuery(status=None)).events, ov.actors) == (7, 3)
    only = overview(store, EventQuery(actor="USA"))
    assert (only.events, only.articles, only.actors) == (2, 1, 3)
    assert ov.top_dyads[0].source == "RUS" and ov.by_quad_class[4] == 3
