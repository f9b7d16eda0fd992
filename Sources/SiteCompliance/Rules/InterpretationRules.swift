import SiteContent
import SiteCore
import SiteGraph

/// 政策文件不解读不运转: a 行政规范性文件 has at least one interpretation (`interp.missing`), and its
/// interpretations together use enough forms: ≥5 when the county government or its office issued it,
/// ≥2 for a department or township (seed 004, "原则上"; `interp.forms`; site.yaml's
/// `interpretation_forms` changes both numbers). Both warnings: the only fix is
/// to publish more (DISCLOSURE.md P2). Documents repealed or expired are no longer carried out, so
/// they are not held to it.
struct InterpretationRules: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let graph = context.graph
        var diagnostics: [Diagnostic] = []
        for document in graph.documents where document.isPublic && document.policy?.normative == true {
            guard let validity = document.policy?.validity?.value, validity == .inForce || validity == .amended else { continue }
            let interpretations = (graph.interpretations[document.id] ?? []).compactMap { graph[$0] }
            if interpretations.isEmpty {
                diagnostics.append(Diagnostic(.interpretationMissing, at: document.headerLocation))
                continue
            }
            let forms = Set(interpretations.flatMap { $0.interpretation?.forms.map(\.value) ?? [] })
            let level = document.issuers.first.flatMap { graph.agency($0.value)?.level }
            let configured = graph.configuration.interpretationForms
            let minimum = level == .countyGovernment || level == .countyOffice ? configured.county : configured.department
            if forms.count < minimum {
                diagnostics.append(Diagnostic(
                    .interpretationForms(found: forms.sorted().map(\.chinese), minimum: minimum), at: document.headerLocation))
            }
        }
        return diagnostics
    }
}
