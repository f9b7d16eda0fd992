import Foundation
import SiteContent
import SiteCore
import SiteGraph

/// `disclosure.reason-basis`: a document that is not 主动公开 says on what legal basis: an article of a
/// law or regulation (…第十六条…), or one of the grounds of 条例 第十四条至第十六条 by name
/// (DISCLOSURE.md §1.3, §1.4). A warning: the document is not published either way.
struct DisclosureReasonRule: ComplianceRule {
    /// The grounds of §1.4, as reasons name them.
    static let grounds = [
        "国家秘密", "法律、行政法规禁止", "法律行政法规禁止", "三安全一稳定", "国家安全", "公共安全", "经济安全", "社会稳定",
        "商业秘密", "个人隐私", "第三方合法权益", "内部事务", "人事管理", "后勤管理", "内部工作流程", "过程性信息",
        "讨论记录", "过程稿", "磋商信函", "请示报告", "行政执法案卷", "工商", "不动产登记",
    ]

    func check(_ context: ComplianceContext) -> [Diagnostic] {
        context.graph.documents.compactMap { document in
            guard let disclosure = document.disclosure, disclosure.value != .proactive, let reason = document.disclosureReason else { return nil }
            // An article by number: 第十六条, 第14条 (not 第三方 … 条件).
            let citesArticle = reason.range(of: "第[一二三四五六七八九十百零〇0-9]+条", options: .regularExpression) != nil
            guard !citesArticle, !Self.grounds.contains(where: reason.contains) else { return nil }
            return Diagnostic(.disclosureReasonBasis(reason: reason), at: disclosure.location)
        }
    }
}
