"""The chidao vocabulary: namespaces, and the mapping of findings to RDF.

Documents are ELI legal resources (eli:LegalResource, eli:number, eli:date_document,
eli:type_document, eli:passed_by, eli:based_on, eli:cites, eli:applies); provenance is
PROV-O; chidao's own terms (ontology/chidao.ttl) cover what ELI lacks: tasks, units,
leaders, periods, aliases, conflicts, and the evidence spans of every assertion.
"""

from rdflib import Namespace

CHIDAO = Namespace("https://w3id.org/chidao/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")

# IRIs of individuals are URNs: they name things, they are not web addresses.
DOC = "urn:chidao:doc:"
TASK = "urn:chidao:task:"
FILE = "urn:chidao:file:"
UNIT = "urn:chidao:unit:"
PERSON = "urn:chidao:person:"
MENTION = "urn:chidao:mention:"
RELATION = "urn:chidao:relation:"
META_GRAPH = "urn:chidao:graph:meta"
# chidao:sameAs links between documents of different files, derived from all their keys.
LINKS_GRAPH = "urn:chidao:graph:links"
