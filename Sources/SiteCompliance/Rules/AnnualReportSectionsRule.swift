import SiteContent
import SiteCore
import SiteGraph

/// `report.section-missing`: the prose sections of the national format (一、总体情况, 五、存在的主要问题及
/// 改进情况, 六、其他需要报告的事项) each have a heading in the body. Sections 二 to 四 are the tables,
/// which the page shows under their headings whether or not the body names them.
struct AnnualReportSectionsRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] { sourceFindings(context) }

    func checkSource(_ document: Document, context: SourceContext) -> [Diagnostic] {
        guard let year = document.annualReport?.year?.value, let format = AnnualReportFormat.forYear(year) else { return [] }
        let headings = Set(ReportSections.headings(in: document.body))
        return format.sections.filter { $0.isProse && !headings.contains($0.heading) }.map {
            Diagnostic(.reportSectionMissing(heading: $0.heading), at: document.headerLocation)
        }
    }
}
