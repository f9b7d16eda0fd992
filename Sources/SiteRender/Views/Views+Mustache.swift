import Mustache

// Template lookups by name. swift-mustache would otherwise find each value through `Mirror`, which
// took over half the build time; a switch is direct. `TemplateVocabularyTests` checks that every
// stored property of every view is reachable here, so the two cannot drift apart.

extension DocumentView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": self.id
        case "kind": self.kind
        case "kindName": self.kindName
        case "title": self.title
        case "href": self.href
        case "indexNumber": self.indexNumber
        case "issuer": self.issuer
        case "issuers": self.issuers
        case "written": self.written
        case "published": self.published
        case "documentNumber": self.documentNumber
        case "validity": self.validity
        case "validityClass": self.validityClass
        case "normative": self.normative
        case "topics": self.topics
        case "summary": self.summary
        case "bodyHTML": self.bodyHTML
        case "attachments": self.attachments
        case "sections": self.sections
        case "interpretations": self.interpretations
        case "policy": self.policy
        case "forms": self.forms
        case "supersededBy": self.supersededBy
        case "statusNotice": self.statusNotice
        case "replaces": self.replaces
        case "backlinks": self.backlinks
        case "tasks": self.tasks
        case "hasTasks": self.hasTasks
        case "reportYear": self.reportYear
        default: nil
        }
    }
}

extension RelatedView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "href": self.href
        case "documentNumber": self.documentNumber
        case "published": self.published
        case "forms": self.forms
        case "kindName": self.kindName
        default: nil
        }
    }
}

extension AttachmentView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "href": self.href
        case "fileName": self.fileName
        default: nil
        }
    }
}

extension TaskView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "number": self.number
        case "area": self.area
        case "task": self.task
        case "lead": self.lead
        case "responsible": self.responsible
        case "due": self.due
        case "status": self.status
        default: nil
        }
    }
}

extension EntryView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "href": self.href
        case "indexNumber": self.indexNumber
        case "documentNumber": self.documentNumber
        case "issuer": self.issuer
        case "published": self.published
        case "validity": self.validity
        case "kindName": self.kindName
        default: nil
        }
    }
}

extension SectionView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": self.id
        case "title": self.title
        case "description": self.description
        case "emptyReason": self.emptyReason
        case "entries": self.entries
        case "listCaption": self.listCaption
        case "hasEntries": self.hasEntries
        case "count": self.count
        case "pagination": self.pagination
        case "tree": self.tree
        default: nil
        }
    }
}

extension PaginationView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "current": self.current
        case "total": self.total
        case "previousHref": self.previousHref
        case "nextHref": self.nextHref
        case "pages": self.pages
        default: nil
        }
    }
}

extension PageLinkView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "number": self.number
        case "href": self.href
        case "current": self.current
        default: nil
        }
    }
}

extension TreeNodeView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "href": self.href
        case "count": self.count
        case "current": self.current
        case "children": self.children
        case "hasChildren": self.hasChildren
        default: nil
        }
    }
}

extension CatalogView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "tree": self.tree
        case "total": self.total
        default: nil
        }
    }
}

extension HomeView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "latest": self.latest
        case "sections": self.sections
        default: nil
        }
    }
}

extension AgencyView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "shortName": self.shortName
        case "levelName": self.levelName
        case "entries": self.entries
        case "listCaption": self.listCaption
        case "hasDocuments": self.hasDocuments
        case "tasks": self.tasks
        case "hasTasks": self.hasTasks
        default: nil
        }
    }
}

extension AgencyTaskView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "planTitle": self.planTitle
        case "planHref": self.planHref
        case "number": self.number
        case "task": self.task
        case "role": self.role
        case "due": self.due
        case "status": self.status
        default: nil
        }
    }
}

extension PageView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "lang": self.lang
        case "title": self.title
        case "htmlTitle": self.htmlTitle
        case "canonicalURL": self.canonicalURL
        case "description": self.description
        case "site": self.site
        case "navigation": self.navigation
        case "breadcrumb": self.breadcrumb
        case "document": self.document
        case "section": self.section
        case "catalog": self.catalog
        case "home": self.home
        case "agency": self.agency
        case "notFound": self.notFound
        default: nil
        }
    }
}

extension SiteView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "homeHref": self.homeHref
        case "assetsHref": self.assetsHref
        case "catalogHref": self.catalogHref
        case "notice": self.notice
        case "sponsor": self.sponsor
        case "websiteCode": self.websiteCode
        case "icp": self.icp
        case "policeRecord": self.policeRecord
        case "contact": self.contact
        case "address": self.address
        default: nil
        }
    }
}

extension LinkView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "href": self.href
        case "current": self.current
        default: nil
        }
    }
}
