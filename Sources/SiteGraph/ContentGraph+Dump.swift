import SiteContent
import SiteCore

extension ContentGraph {
    /// The graph as text, one node or edge per line, sorted: what `site graph` prints and what
    /// golden tests compare.
    ///
    /// ```
    /// node policies/gongkai policy 主动公开 "示例县…的通知"
    /// edge interpretations/gongkai-jd interprets policies/gongkai
    /// ```
    /// Nodes are every document (non-public ones marked so); edges are the relations the site
    /// publishes, so they join public documents only.
    public var dump: String {
        var nodes: [String] = []
        var edges: [String] = []
        for document in documents {
            let disclosure = document.disclosure?.value.chinese ?? "未标注"
            nodes.append("node \(document.id) \(document.kind.rawValue) \(disclosure) \"\(document.title.value)\"")
            guard document.isPublic else { continue }
            for entry in document.catalog where section(entry.value) != nil {
                edges.append("edge \(document.id) in-section \(entry.value)")
            }
            for issuer in document.issuers where agency(issuer.value) != nil {
                edges.append("edge \(document.id) issued-by \(issuer.value)")
            }
            if let id = document.policy?.supersededBy?.value, self[id]?.isPublic == true {
                edges.append("edge \(document.id) superseded-by \(id)")
            }
            if let id = document.interpretation?.interprets?.value, self[id]?.isPublic == true, self[id]?.kind == .policy {
                edges.append("edge \(document.id) interprets \(id)")
            }
            for (item, target) in document.decision?.items ?? [] {
                switch target.value {
                case .document(let id) where self[id]?.isPublic == true:
                    edges.append("edge \(document.id) item:\(item.rawValue) \(id)")
                case .external(let url):
                    edges.append("edge \(document.id) item:\(item.rawValue) <\(url)>")
                default: break
                }
            }
            for (index, task) in (document.plan?.tasks ?? []).enumerated() {
                for evidence in task.evidence where self[evidence.value]?.isPublic == true {
                    edges.append("edge \(document.id)#task-\(index + 1) evidence \(evidence.value)")
                }
            }
            for lead in document.decision?.lead ?? [] where agency(lead.value) != nil {
                edges.append("edge \(document.id) lead \(lead.value)")
            }
        }
        for (target, sources) in backlinks {
            for source in sources { edges.append("edge \(source) links-to \(target)") }
        }
        for (agency, tasks) in tasksByAgency {
            for task in tasks { edges.append("edge \(task.plan)#task-\(task.index + 1) \(task.role.rawValue) \(agency)") }
        }
        for section in catalog.flatMap(\.flattened) {
            nodes.append("section \(section.id) \"\(section.title)\"")
            for child in section.children { edges.append("edge \(child.id) child-of \(section.id)") }
        }
        for agency in agencies {
            nodes.append("agency \(agency.id) \(agency.level.rawValue) \"\(agency.name)\"")
        }
        return (nodes.sorted() + edges.sorted()).joined(separator: "\n") + "\n"
    }
}
