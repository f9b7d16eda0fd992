import SiteCore
import SiteGraph

/// `catalog.index-number-year` (warning): the year in a 索引号 is that of 发布日期 or of 成文日期.
struct IndexNumberYearRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let graph = context.graph
        return graph.documents.compactMap { document in
            guard let number = document.indexNumber else { return nil }
            let years = [document.published?.value.year, document.written?.value.year].compactMap { $0 }
            guard !years.isEmpty, !years.contains(number.value.year) else { return nil }
            return Diagnostic(.indexNumberYear(value: number.value.text), at: number.location)
        }
    }
}
