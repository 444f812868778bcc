// Reads a JSON array of Mermaid erDiagram sources on stdin and prints, for
// each, what Mermaid's own parser understood: entities with their attributes
// and key markers, and relationships with cardinalities and identification.
import mermaid from "mermaid";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const source of JSON.parse(input)) {
  await mermaid.parse(source); // throws on a syntax error; also loads the ER diagram type
  const { db } = await mermaid.mermaidAPI.getDiagramFromText(source);
  const labels = new Map();
  const entities = {};
  for (const [name, entity] of db.getEntities()) {
    labels.set(entity.id, name);
    entities[name] = entity.attributes.map((a) => ({ name: a.name, type: a.type, keys: a.keys }));
  }
  const relationships = db.getRelationships().map((r) => ({
    parent: labels.get(r.entityA),
    child: labels.get(r.entityB),
    role: r.roleA,
    type: r.relSpec.relType,
    // Mermaid's cardA is the cardinality written next to entityB, and cardB next to entityA.
    parent_side: r.relSpec.cardB,
    child_side: r.relSpec.cardA,
  }));
  results.push({ entities, relationships });
}
process.stdout.write(JSON.stringify(results));
