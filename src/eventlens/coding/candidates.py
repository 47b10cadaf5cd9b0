"""Candidate dyads: every (subject, object) pair a clause offers, for the learned classifier to
judge where no frame of the lexicon fired."""

from __future__ import annotations

from eventlens.coding.clauses import NOT_ACTORS, OBJECT_DEPS, agent_of, subject_of
from eventlens.coding.lexicon import wordlist

NO_EVENT = "NONE"
_SKIP_OBJECT_POS = frozenset({"PRON", "NUM", "DET", "ADV", "ADJ", "VERB", "AUX", "SCONJ"})


def _nominal(token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.ent_type_ not in NOT_ACTORS


def candidate_dyads(sent) -> list[tuple[object, object, object]]:
    """(source head, target head, verb) for each verb of the sentence with a nominal subject
    (or passive agent) and a nominal object, dative or prepositional object."""
    out = []
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        subjects, passive = subject_of(verb)
        if passive:
            patients, subjects = subjects, agent_of(verb)
        else:
            patients = []
        subjects = [s for s in subjects if _nominal(s)]
        if not subjects:
            continue
        objects = list(patients)
        for child in verb.children:
            if child.dep_ in OBJECT_DEPS and child.dep_ not in ("attr", "oprd"):
                # an object predicate ("called it a beacon of hope") names no one acted upon
                objects.append(child)
                objects += [p for c in child.children if c.dep_ == "prep"
                            for p in c.children if p.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ in wordlist("target_preps"):
                objects += [p for p in child.children if p.dep_ == "pobj"]
        for obj in objects:
            if not _nominal(obj) or obj.pos_ in _SKIP_OBJECT_POS:
                continue
            for subj in subjects:
                if subj.i != obj.i:
                    out.append((subj, obj, verb))
    return out
