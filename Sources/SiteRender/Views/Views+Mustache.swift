import Mustache

// Template lookups by name. swift-mustache would otherwise find each value through `Mirror`, which
// took over half the build time; a switch is direct. `TemplateVocabularyTests` checks that every
// stored property of every view is reachable here, so the two cannot drift apart.

extension DocumentView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "kind": kind
        case "kindName": kindName
        case "title": title
        case "href": href
        case "indexNumber": indexNumber
        case "issuer": issuer
        case "issuers": issuers
        case "written": written
        case "published": published
        case "documentNumber": documentNumber
        case "validity": validity
        case "validityClass": validityClass
        case "normative": normative
        case "topics": topics
        case "summary": summary
        case "bodyHTML": bodyHTML
        case "attachments": attachments
        case "sections": sections
        case "interpretations": interpretations
        case "policy": policy
        case "forms": forms
        case "supersededBy": supersededBy
        case "statusNotice": statusNotice
        case "replaces": replaces
        case "backlinks": backlinks
        case "tasks": tasks
        case "hasTasks": hasTasks
        case "reportYear": reportYear
        default: nil
        }
    }
}

extension RelatedView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "documentNumber": documentNumber
        case "published": published
        case "forms": forms
        case "kindName": kindName
        default: nil
        }
    }
}

extension AttachmentView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "fileName": fileName
        default: nil
        }
    }
}

extension TaskView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "area": area
        case "task": task
        case "lead": lead
        case "responsible": responsible
        case "due": due
        case "status": status
        default: nil
        }
    }
}

extension EntryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "indexNumber": indexNumber
        case "documentNumber": documentNumber
        case "issuer": issuer
        case "published": published
        case "validity": validity
        case "kindName": kindName
        default: nil
        }
    }
}

extension SectionView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "description": description
        case "emptyReason": emptyReason
        case "entries": entries
        case "listCaption": listCaption
        case "hasEntries": hasEntries
        case "count": count
        case "pagination": pagination
        case "tree": tree
        default: nil
        }
    }
}

extension PaginationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "current": current
        case "total": total
        case "previousHref": previousHref
        case "nextHref": nextHref
        case "pages": pages
        default: nil
        }
    }
}

extension PageLinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "href": href
        case "current": current
        default: nil
        }
    }
}

extension TreeNodeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "count": count
        case "current": current
        case "children": children
        case "hasChildren": hasChildren
        default: nil
        }
    }
}

extension CatalogView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "tree": tree
        case "total": total
        default: nil
        }
    }
}

extension HomeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "latest": latest
        case "sections": sections
        default: nil
        }
    }
}

extension AgencyView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": name
        case "shortName": shortName
        case "levelName": levelName
        case "entries": entries
        case "listCaption": listCaption
        case "hasDocuments": hasDocuments
        case "tasks": tasks
        case "hasTasks": hasTasks
        default: nil
        }
    }
}

extension AgencyTaskView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "planTitle": planTitle
        case "planHref": planHref
        case "number": number
        case "task": task
        case "role": role
        case "due": due
        case "status": status
        default: nil
        }
    }
}

extension PageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": lang
        case "title": title
        case "htmlTitle": htmlTitle
        case "canonicalURL": canonicalURL
        case "description": description
        case "site": site
        case "navigation": navigation
        case "breadcrumb": breadcrumb
        case "document": document
        case "section": section
        case "catalog": catalog
        case "home": home
        case "agency": agency
        case "notFound": notFound
        default: nil
        }
    }
}

extension SiteView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": name
        case "homeHref": homeHref
        case "assetsHref": assetsHref
        case "catalogHref": catalogHref
        case "notice": notice
        case "sponsor": sponsor
        case "websiteCode": websiteCode
        case "icp": icp
        case "policeRecord": policeRecord
        case "contact": contact
        case "address": address
        default: nil
        }
    }
}

extension LinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "current": current
        default: nil
        }
    }
}
