import SiteCore
import SiteGraph

/// `catalog.document-number-year` (warning): the year in a 文号 is the year the document was signed
/// (成文日期). A mismatch is usually a typo in one of the two.
struct DocumentNumberYearRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let graph = context.graph
        return graph.documents.compactMap { document in
            guard let number = document.documentNumber, let year = number.value.year,
                let written = document.written?.value.year, year != written
            else { return nil }
            return Diagnostic(.documentNumberYear(value: number.value.text, writtenYear: written), at: number.location)
        }
    }
}
